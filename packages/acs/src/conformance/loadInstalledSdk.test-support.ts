import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { runInThisContext } from 'node:vm';

// Loads the installed `@azure/communication-calling` bundle in Node, for the conformance suite. The bundle runs
// as it is published; the only edits are the hooks below, each of which *adds* one assignment that hands an
// internal class or function of the bundle to the suite. No line of the SDK's own logic is changed, so the
// validation the suite runs is the SDK's. A hook that does not match exactly once fails the load: the SDK
// changed, and its code must be read again before the suite can be trusted.

const require = createRequire(import.meta.url);

/** The internals of the 2.0.0 bundle the suite calls. Typed loosely: they are not part of the SDK's API. */
export interface SdkInternals {
  /** The Teams call agent (`startCall`, `join`, `createCall`, `on`, `off`) and its static `teamsCallAgents`. */
  readonly TeamsCallAgentImpl: AnyClass & { teamsCallAgents: Map<string, unknown> };
  /** A Teams call (`hold`, `resume`, `sendDtmf`, `startVideo`, `stopVideo`, `hangUp`, `on`, `off`). */
  readonly TeamsCallImpl: AnyClass;
  /** The signalling stack's call behind a `TeamsCallImpl` (its `hold`, `unhold`, `stop`, `sendDtmfTone`). */
  readonly PluginlessCall: AnyClass;
  readonly RemoteParticipantImpl: AnyClass;
  readonly DeviceManagerImpl: AnyClass;
  /** A remote participant's camera or screen-share stream (the bundle's `RemoteVideoStreamImpl$1`). */
  readonly RemoteVideoStreamImpl: AnyClass;
  /** `call.feature(Features.OptimalVideoCount)`: its `on` and `off` check event names. */
  readonly OptimalVideoCountCallFeatureImpl: AnyClass;
  /** `call.feature(Features.DominantSpeakers)`: its `on` and `off` take any name. */
  readonly DominantSpeakersCallFeatureImpl: AnyClass;
  /** A camera as `DeviceManager.getCameras()` lists it. */
  readonly VideoDeviceInfoImpl: new (
    name: string,
    id: string,
    deviceType: string,
    manager: unknown,
  ) => unknown;
  /** How the SDK turns an identifier into the MRI it signals (`8:orgid:…`, `4:+1…`). */
  readonly getMriFromIdentifier: (identifier: unknown) => string;
  /** `call.lobby` of a Teams meeting (`admit`, `reject`, `admitAll`, `on`, `off`). */
  readonly LobbyImpl: AnyClass;
  /** The SDK's check of an identifier it is handed (spotlight, lobby): throws its refusal. */
  readonly validateIdentifier: (identifier: unknown) => unknown;
}

// biome-ignore lint/suspicious/noExplicitAny: the bundle's internal classes have no types.
type AnyClass = { prototype: any };

export interface InstalledSdk {
  /** The bundle's public exports (`CallClient`, `LocalVideoStream`, `Features`, …). */
  readonly exports: Record<string, unknown> & {
    LocalVideoStream: new (
      source: unknown,
    ) => { readonly mediaStreamType: string; switchSource(source: unknown): Promise<void>; dispose(): void };
    /** Its `createTeamsCallAgent` keeps one agent per identity. */
    CallClient: AnyClass;
  };
  readonly internals: SdkInternals;
  readonly version: string;
  /** Removes the browser globals stubbed for the SDK (they stay while the suite calls it). */
  unload(): void;
}

interface Hook {
  readonly find: string;
  readonly replace: string;
}

/** Each hook adds `__conformance.X = X` next to a declaration, in the scope of that declaration. */
const HOOKS: readonly Hook[] = [
  {
    // Top level of the bundle, after TeamsCallAgentImpl: every rollup-level class and function is in scope.
    find: 'TeamsCallAgentImpl.teamsCallAgents=new Map,',
    replace:
      'TeamsCallAgentImpl.teamsCallAgents=new Map,Object.assign(__conformance,{TeamsCallAgentImpl,TeamsCallImpl,' +
      'RemoteParticipantImpl,DeviceManagerImpl,VideoDeviceInfoImpl,getMriFromIdentifier,' +
      'RemoteVideoStreamImpl:RemoteVideoStreamImpl$1,OptimalVideoCountCallFeatureImpl,' +
      'DominantSpeakersCallFeatureImpl,LobbyImpl,validateIdentifier}),',
  },
  {
    // The signalling stack is a nested bundle with minified names: take its call class where it is made.
    find: 'hA=class _PluginlessCall extends qf{',
    replace: 'hA=__conformance.PluginlessCall=class _PluginlessCall extends qf{',
  },
];

/**
 * Browser globals the bundle reads while it loads and runs (FACTS.md, ACS: `MediaStream`, `navigator`,
 * `HTMLElement`, `screen`). Installed only where Node lacks them, and removed again by the returned function.
 */
function stubBrowserGlobals(): () => void {
  const stubs: Record<string, unknown> = {
    MediaStream: class MediaStream {},
    HTMLElement: class HTMLElement {},
    screen: { width: 1920, height: 1080 },
    navigator: {
      userAgent:
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
    },
  };
  const added = Object.keys(stubs).filter((name) => !(name in globalThis));
  for (const name of added) {
    Object.defineProperty(globalThis, name, { value: stubs[name], configurable: true, writable: true });
  }
  return () => {
    for (const name of added) delete (globalThis as Record<string, unknown>)[name];
  };
}

function applyHooks(source: string): string {
  let hooked = source;
  for (const hook of HOOKS) {
    const first = hooked.indexOf(hook.find);
    if (first === -1 || hooked.indexOf(hook.find, first + 1) !== -1) {
      throw new Error(
        `The conformance hook "${hook.find}" does not match exactly once in the installed Calling SDK. ` +
          'The SDK changed: read its bundle again and update the hooks before trusting the conformance suite.',
      );
    }
    hooked = hooked.replace(hook.find, hook.replace);
  }
  return hooked;
}

/**
 * Loads the installed Calling SDK's CommonJS bundle, hooked, with browser globals stubbed until `unload`.
 * Its own `require` resolves `@azure/communication-common` and `@azure/logger` next to the bundle.
 */
export function loadInstalledSdk(): InstalledSdk {
  const packageJsonPath = require.resolve('@azure/communication-calling/package.json');
  const { version, main } = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as {
    version: string;
    main: string;
  };
  const bundlePath = require.resolve('@azure/communication-calling');
  if (!bundlePath.endsWith(main.replace(/^\.\//, '')))
    throw new Error(`Unexpected bundle path ${bundlePath}`);
  const source = applyHooks(readFileSync(bundlePath, 'utf8'));
  const internals = {} as SdkInternals;
  const module = { exports: {} as InstalledSdk['exports'] };
  const restore = stubBrowserGlobals();
  try {
    const factory = runInThisContext(
      `(function (exports, require, module, __filename, __dirname, __conformance) {${source}\n})`,
      { filename: bundlePath },
    ) as (...args: unknown[]) => void;
    factory(module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath), internals);
  } catch (error) {
    restore();
    throw error;
  }
  for (const name of [
    'TeamsCallAgentImpl',
    'TeamsCallImpl',
    'PluginlessCall',
    'getMriFromIdentifier',
    'RemoteVideoStreamImpl',
    'OptimalVideoCountCallFeatureImpl',
    'DominantSpeakersCallFeatureImpl',
    'LobbyImpl',
    'validateIdentifier',
  ] as const) {
    if (!internals[name]) throw new Error(`The conformance hooks did not expose ${name}.`);
  }
  return { exports: module.exports, internals, version, unload: restore };
}
