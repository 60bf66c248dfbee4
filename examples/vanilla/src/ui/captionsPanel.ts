import { type Call, type CallCaptionsSnapshot, type CaptionEntry, callCaptions } from '@teams-endpoint/core';
import { captionLine, languageName } from '@teams-endpoint/demo-kit';
import {
  bindAttribute,
  bindDisabled,
  bindList,
  bindText,
  subscribeMany,
  subscribeToUnit,
} from '@teams-endpoint/vanilla';
import { uniqueId, withCapabilityHint } from './capabilityHint';
import { button, el } from './dom';

export interface CaptionsPanel {
  /** The "Start captions" / "Stop captions" button, for the call's controls row. */
  readonly control: Node;
  /** The captions themselves and their languages, shown while captions are on. */
  readonly node: Node;
  readonly stop: () => void;
}

/** Keeps a select's options equal to `languages` (by tag, shown in words) and its value equal to `current`. */
function bindLanguages(
  select: HTMLSelectElement,
  captions: ReturnType<typeof callCaptions>,
  selectLanguages: (s: CallCaptionsSnapshot) => readonly string[],
  selectCurrent: (s: CallCaptionsSnapshot) => string | null,
): () => void {
  return subscribeMany(
    subscribeToUnit(captions, selectLanguages, (languages) => {
      select.replaceChildren(...languages.map((tag) => el('option', { value: tag }, languageName(tag))));
      select.value = selectCurrent(captions.getSnapshot()) ?? '';
    }),
    subscribeToUnit(captions, selectCurrent, (current) => {
      select.value = current ?? '';
    }),
  );
}

/**
 * Live Teams captions of a call: a start/stop button where the call offers captions, and while they are on a
 * polite live region with the phrases ("speaker: text", a phrase updated in place until final) and the spoken
 * and caption languages.
 */
export function captionsPanel(call: Call): CaptionsPanel {
  const captions = callCaptions(call);
  const toggle = button('Start captions', () =>
    captions.getSnapshot().isActive ? captions.stop() : captions.start(),
  );
  const control = withCapabilityHint(toggle, captions, (s) => (s.isActive ? undefined : s.canReasons.start));

  const spokenId = uniqueId('spoken-language');
  const spoken = el('select', { id: spokenId });
  const captionId = uniqueId('caption-language');
  const translated = el('select', { id: captionId });
  const translation = withCapabilityHint(translated, captions, (s) => s.canReasons.setCaptionLanguage);
  const captionLanguage = el(
    'span',
    { class: 'caption-language' },
    el('label', { for: captionId }, 'Caption language'),
    translation.node,
  );
  const languageError = el('p', { class: 'error', role: 'alert' });
  const choose = (set: (language: string) => void, language: string) => {
    languageError.textContent = '';
    try {
      set(language);
    } catch (error) {
      languageError.textContent = error instanceof Error ? error.message : String(error);
    }
  };
  const onSpoken = () => choose(captions.setSpokenLanguage, spoken.value);
  const onCaption = () => choose(captions.setCaptionLanguage, translated.value);
  spoken.addEventListener('change', onSpoken);
  translated.addEventListener('change', onCaption);

  const list = el('ul', { class: 'captions-list', 'aria-label': 'Captions' });
  const scroller = el('div', { class: 'captions-scroll', tabindex: '0' }, list);
  const region = el(
    'section',
    { class: 'captions', 'aria-label': 'Captions', 'aria-live': 'polite' },
    el(
      'div',
      { class: 'inline-form' },
      el('label', { for: spokenId }, 'Spoken language'),
      spoken,
      captionLanguage,
    ),
    languageError,
    scroller,
  );

  const stop = subscribeMany(
    bindAttribute(control.node, 'hidden', captions, (s) => !s.available),
    bindText(toggle, captions, (s) => (s.isActive ? 'Stop captions' : 'Start captions')),
    bindDisabled(toggle, captions, (s) => !(s.can.start || s.can.stop)),
    control.stop,
    bindLanguages(
      spoken,
      captions,
      (s) => s.supportedSpokenLanguages,
      (s) => s.spokenLanguage,
    ),
    bindDisabled(spoken, captions, (s) => !s.can.setSpokenLanguage),
    bindLanguages(
      translated,
      captions,
      (s) => s.supportedCaptionLanguages,
      (s) => s.captionLanguage,
    ),
    bindDisabled(translated, captions, (s) => !s.can.setCaptionLanguage),
    translation.stop,
    // Only calls that translate have a caption language to choose.
    bindAttribute(captionLanguage, 'hidden', captions, (s) => s.supportedCaptionLanguages.length === 0),
    bindList(
      list,
      captions,
      (s) => s.entries,
      (entry: CaptionEntry) =>
        el('li', { class: entry.isFinal ? 'caption' : 'caption partial' }, captionLine(entry)),
      (entry) => String(entry.id),
    ),
    // The newest phrase stays in view.
    subscribeToUnit(
      captions,
      (s) => s.entries,
      () => {
        scroller.scrollTop = scroller.scrollHeight;
      },
    ),
    subscribeToUnit(
      captions,
      (s) => s.available && s.isActive,
      (shown) => {
        region.hidden = !shown;
        if (shown) region.scrollIntoView({ block: 'nearest' });
      },
    ),
    () => {
      spoken.removeEventListener('change', onSpoken);
      translated.removeEventListener('change', onCaption);
    },
  );
  return { control: control.node, node: region, stop };
}
