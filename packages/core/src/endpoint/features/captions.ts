import { normalizeOptionalRemoteText, normalizeRemoteText } from '../../domain/remoteText';
import { TeamsEndpointError } from '../../errors';
import type { CapabilityReason, CaptionResult } from '../../ports/callFeatures';
import { type ObservableUnit, shareShallow } from '../../store/observableUnit';
import type { Call } from '../callUnit';
import {
  cachedPerCall,
  createFeatureUnit,
  definedOnly,
  featureCommand,
  observablePart,
  reasonFrom,
} from './featureUnit';

/** How many caption entries a call keeps: the most recent ones. */
export const CAPTIONS_MAX_ENTRIES = 50;
/** The longest caption text kept, in characters. */
const CAPTION_MAX_LENGTH = 1_000;

/** One phrase of live captions. A phrase being spoken is `partial` and updated in place until it is final. */
export interface CaptionEntry {
  /** Unique within the call; stable while the phrase is updated. */
  readonly id: number;
  /** A participant id, or `LOCAL_PARTICIPANT_ID`; empty when the platform does not say. */
  readonly speakerId: string;
  /** Normalized remote text: render it as text. */
  readonly speakerName?: string;
  /** Normalized remote text: render it as text. */
  readonly text: string;
  readonly isFinal: boolean;
  /** Epoch ms when the phrase started. */
  readonly timestamp: number;
}

export interface CallCaptionsCapabilities {
  readonly start: boolean;
  readonly stop: boolean;
  readonly setSpokenLanguage: boolean;
  readonly setCaptionLanguage: boolean;
}

export interface CallCaptionsSnapshot {
  /** Whether this call offers Teams captions (not PSTN calls; only once the call is live). */
  readonly available: boolean;
  readonly isActive: boolean;
  readonly spokenLanguage: string | null;
  /** `null` where the call cannot translate. */
  readonly captionLanguage: string | null;
  readonly supportedSpokenLanguages: readonly string[];
  readonly supportedCaptionLanguages: readonly string[];
  /** The last {@link CAPTIONS_MAX_ENTRIES} phrases, oldest first, collected while the unit is subscribed. */
  readonly entries: readonly CaptionEntry[];
  readonly can: CallCaptionsCapabilities;
  readonly canReasons: { readonly [K in keyof CallCaptionsCapabilities]?: CapabilityReason };
}

/** Live Teams captions of one call. Commands outside `can` are ignored; a failure shows as the call's `controlError`. */
export interface CallCaptions extends ObservableUnit<CallCaptionsSnapshot> {
  /** Starts captions, optionally saying which language is spoken (one of `supportedSpokenLanguages`). */
  start(options?: { readonly spokenLanguage?: string }): void;
  stop(): void;
  /** Throws `invalid_argument` for a language the call does not support, and changes nothing. */
  setSpokenLanguage(language: string): void;
  /** Throws `invalid_argument` for a language the call does not support, and changes nothing. */
  setCaptionLanguage(language: string): void;
}

const NO_LANGUAGES: readonly string[] = [];
const NO_ENTRIES: readonly CaptionEntry[] = [];

/**
 * The Teams captions of a call, as an observable unit (one per call). Partial results of a phrase update one
 * entry in place, and a burst of them reaches subscribers as one notification.
 *
 * @example
 * const captions = callCaptions(call);
 * captions.subscribe(() => render(captions.getSnapshot().entries));
 * captions.start({ spokenLanguage: 'en-us' });
 */
export const callCaptions = /* @__PURE__ */ cachedPerCall((call: Call): CallCaptions => {
  /** The phrases as results arrive, changed in place; copied into the snapshot once per burst. */
  let phrases: CaptionEntry[] = [];
  let entries: readonly CaptionEntry[] = NO_ENTRIES;
  let changed = false;
  let serial = 0;

  const add = (result: CaptionResult) => {
    const speakerId = typeof result.speakerId === 'string' ? result.speakerId : '';
    const text = normalizeRemoteText(String(result.text ?? ''), CAPTION_MAX_LENGTH);
    const speakerName =
      (typeof result.speakerName === 'string'
        ? normalizeOptionalRemoteText(result.speakerName)
        : undefined) ?? call.getParticipant(speakerId)?.displayName;
    // A phrase still being spoken is the speaker's last partial entry: it is updated in place.
    let index = -1;
    for (let i = phrases.length - 1; i >= 0; i--) {
      if (phrases[i]!.speakerId === speakerId) {
        if (!phrases[i]!.isFinal) index = i;
        break;
      }
    }
    const entry: CaptionEntry = {
      id: index >= 0 ? phrases[index]!.id : ++serial,
      speakerId,
      ...(speakerName ? { speakerName } : {}),
      text,
      isFinal: result.isFinal === true,
      timestamp: Number.isFinite(result.timestamp) ? result.timestamp : Date.now(),
    };
    if (index >= 0) phrases[index] = entry;
    else if (phrases.push(entry) > CAPTIONS_MAX_ENTRIES) phrases.shift();
    changed = true;
  };

  const unit = createFeatureUnit(call, {
    feature: 'captions',
    attach: (port, invalidate) =>
      port.onCaption((result) => {
        add(result);
        invalidate();
      }),
    reset: () => {
      phrases = [];
      entries = NO_ENTRIES;
      changed = false;
    },
    compute: ({ port, call: snapshot, allows }, previous): CallCaptionsSnapshot => {
      if (changed) {
        entries = phrases.slice();
        changed = false;
      }
      const state = port?.getState();
      const isActive = state?.isActive === true;
      const translates = (state?.supportedCaptionLanguages.length ?? 0) > 0;
      const can: CallCaptionsCapabilities = {
        start: !isActive && allows(featureCommand('captions', 'startCaptions')),
        stop: isActive && allows(featureCommand('captions')),
        setSpokenLanguage: isActive && allows(featureCommand('captions')),
        setCaptionLanguage:
          isActive && translates && allows(featureCommand('captions', 'setCaptionLanguage')),
      };
      return shareShallow(previous, {
        available: port !== null,
        isActive,
        // Teams reports '' until it knows.
        spokenLanguage: state?.spokenLanguage || null,
        captionLanguage: state?.captionLanguage || null,
        supportedSpokenLanguages: shareShallow(
          previous?.supportedSpokenLanguages,
          state?.supportedSpokenLanguages ?? NO_LANGUAGES,
        ),
        supportedCaptionLanguages: shareShallow(
          previous?.supportedCaptionLanguages,
          state?.supportedCaptionLanguages ?? NO_LANGUAGES,
        ),
        entries,
        can: shareShallow(previous?.can, can),
        canReasons: shareShallow(
          previous?.canReasons,
          definedOnly({
            start: reasonFrom(snapshot, 'startCaptions', can.start),
            stop: reasonFrom(snapshot, null, can.stop),
            setSpokenLanguage: reasonFrom(snapshot, null, can.setSpokenLanguage),
            setCaptionLanguage: reasonFrom(snapshot, 'setCaptionLanguage', can.setCaptionLanguage),
          }),
        ),
      });
    },
  });

  const supported = (language: unknown, list: readonly string[], what: string): string => {
    if (typeof language !== 'string' || !list.includes(language)) {
      throw new TeamsEndpointError('invalid_argument', `This call does not support that ${what} language.`, {
        details: { supported: [...list] },
      });
    }
    return language;
  };

  return {
    ...observablePart(unit),
    start: (options) => {
      const snapshot = unit.getSnapshot();
      const spokenLanguage =
        options?.spokenLanguage === undefined
          ? undefined
          : supported(options.spokenLanguage, snapshot.supportedSpokenLanguages, 'spoken');
      if (!snapshot.can.start) return;
      unit.run('startCaptions', (port) => port.start(spokenLanguage ? { spokenLanguage } : {}));
    },
    stop: () => {
      if (unit.getSnapshot().can.stop) unit.run(undefined, (port) => port.stop());
    },
    setSpokenLanguage: (language) => {
      const snapshot = unit.getSnapshot();
      const checked = supported(language, snapshot.supportedSpokenLanguages, 'spoken');
      if (snapshot.can.setSpokenLanguage && checked !== snapshot.spokenLanguage)
        unit.run(undefined, (port) => port.setSpokenLanguage(checked));
    },
    setCaptionLanguage: (language) => {
      const snapshot = unit.getSnapshot();
      const checked = supported(language, snapshot.supportedCaptionLanguages, 'caption');
      if (snapshot.can.setCaptionLanguage && checked !== snapshot.captionLanguage)
        unit.run('setCaptionLanguage', (port) => port.setCaptionLanguage(checked));
    },
  };
});
