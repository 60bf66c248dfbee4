import {
  type Call,
  type CallCaptionsSnapshot,
  type CapabilityReason,
  type CaptionEntry,
  callCaptions,
} from '@teams-endpoint/core';
import { captionLine, languageName } from '@teams-endpoint/demo-kit';
import { useCallFeature } from '@teams-endpoint/react';
import { memo, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { CapabilityButton, useCapabilityHint } from './CapabilityButton';

/** "Start captions" / "Stop captions" for the call's controls, where the call offers captions. */
export function CaptionsButton({ call }: { call: Call }) {
  const captions = useCallFeature(call, callCaptions);
  if (!captions?.available) return null;
  const { isActive, can, canReasons } = captions;
  return (
    <CapabilityButton
      allowed={can.start || can.stop}
      reason={isActive ? undefined : canReasons.start}
      onClick={() => (isActive ? callCaptions(call).stop() : callCaptions(call).start())}
    >
      {isActive ? 'Stop captions' : 'Start captions'}
    </CapabilityButton>
  );
}

/**
 * While captions are on, a polite live region with the spoken and caption languages and the phrases
 * ("speaker: text", a phrase updated in place until final).
 */
export function CaptionsPanel({ call }: { call: Call }) {
  const captions = useCallFeature(call, callCaptions);
  if (!captions?.available || !captions.isActive) return null;
  return <CaptionsRegion call={call} captions={captions} />;
}

function CaptionsRegion({ call, captions }: { call: Call; captions: CallCaptionsSnapshot }) {
  const region = useRef<HTMLElement>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    region.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const { can, canReasons } = captions;
  const choose = (set: (language: string) => void) => (language: string) => {
    setError('');
    try {
      set(language);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <section ref={region} className="captions" aria-label="Captions" aria-live="polite">
      <div className="inline-form">
        <LanguageSelect
          label="Spoken language"
          value={captions.spokenLanguage}
          languages={captions.supportedSpokenLanguages}
          allowed={can.setSpokenLanguage}
          onChange={choose((language) => callCaptions(call).setSpokenLanguage(language))}
        />
        {/* Only calls that translate have a caption language to choose. */}
        {captions.supportedCaptionLanguages.length > 0 && (
          <LanguageSelect
            label="Caption language"
            value={captions.captionLanguage}
            languages={captions.supportedCaptionLanguages}
            allowed={can.setCaptionLanguage}
            reason={canReasons.setCaptionLanguage}
            onChange={choose((language) => callCaptions(call).setCaptionLanguage(language))}
          />
        )}
      </div>
      <p className="error" role="alert">
        {error}
      </p>
      <CaptionsList entries={captions.entries} />
    </section>
  );
}

function CaptionsList({ entries }: { entries: CallCaptionsSnapshot['entries'] }) {
  const scroller = useRef<HTMLDivElement>(null);
  // The newest phrase stays in view.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && entries.length > 0) element.scrollTop = element.scrollHeight;
  }, [entries]);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users scroll the captions by focusing them
    <div ref={scroller} className="captions-scroll" tabIndex={0}>
      <ul className="captions-list" aria-label="Captions">
        {entries.map((entry) => (
          <CaptionItem key={entry.id} entry={entry} />
        ))}
      </ul>
    </div>
  );
}

/** A phrase keeps its object until it changes, so the others do not render again. */
const CaptionItem = memo(function CaptionItem({ entry }: { entry: CaptionEntry }) {
  return <li className={entry.isFinal ? 'caption' : 'caption partial'}>{captionLine(entry)}</li>;
});

function LanguageSelect(props: {
  label: string;
  value: string | null;
  languages: readonly string[];
  allowed: boolean;
  reason?: CapabilityReason;
  onChange: (language: string) => void;
}) {
  const selectId = useId();
  const { id, words, hint } = useCapabilityHint(props.allowed, props.reason);
  return (
    <span className="control-with-hint">
      <label htmlFor={selectId}>{props.label}</label>
      <select
        id={selectId}
        value={props.value ?? ''}
        disabled={!props.allowed}
        {...hint}
        onChange={(event) => props.onChange(event.target.value)}
      >
        {props.languages.map((language) => (
          <option key={language} value={language}>
            {languageName(language)}
          </option>
        ))}
      </select>
      {words && (
        <span id={id} className="control-hint">
          {words}
        </span>
      )}
    </span>
  );
}
