import type { DevicePort, TeamsEndpoint } from '@teams-endpoint/core';

/** What the simulator panel can make the simulated world do. */
/** Someone the simulator can ring you from. */
export interface SimulatedCaller {
  /** Unique among the callers: the customer's or person's id, or `unknown`. */
  readonly id: string;
  /** What the simulator's picker shows. */
  readonly label: string;
  readonly group: 'Customers' | 'Colleagues' | 'Others';
}

export interface Simulator {
  /** Every customer, every colleague in the directory but the signed-in user, and an unknown number. */
  readonly callers: readonly SimulatedCaller[];
  /** An incoming call from one of `callers` (an unknown id does nothing). */
  ringFrom(callerId: string): void;
  /** An incoming PSTN call from a number no customer has (use case 2's unknown caller). */
  incomingUnknownCall(): void;
  incomingPstnCall(): void;
  incomingTeamsCall(): void;
  incomingHostileTeamsCall(): void;
  callerHangsUp(): void;
  nextOutbound(outcome: 'answer' | 'busy' | 'no_answer' | 'decline'): void;
  admitFromLobby(): void;
  denyFromLobby(): void;
  participantsJoin(count: number): void;
  remoteHangsUp(): void;
  dropNetwork(): void;
  /** The meeting or call last joined: one remote participant turns their camera on (or off, if it was on). */
  toggleRemoteVideo(): void;
  /** Several participants turn their cameras on at once: a full gallery. */
  manyCamerasOn(): void;
  /** A remote participant starts sharing their screen, or stops if they were. */
  toggleRemoteScreenShare(): void;
  /** Another participant becomes the dominant speaker. */
  nextDominantSpeaker(): void;
  /** The browser refuses the camera from now on (as if blocked in the site settings). */
  denyCamera(): void;
  /** The browser refuses the microphone from now on. */
  denyMicrophone(): void;
  /** Allows both again. */
  allowDevices(): void;
  /** A USB camera is plugged in, or unplugged if it was in. */
  toggleUsbCamera(): void;
  // Teams features, on the call last placed or joined that is still live. Each does nothing without one, or
  // where that call does not offer the feature.
  /** A remote participant (or the remote party) says a phrase: captions show it word by word, then final. */
  someoneSpeaks(): void;
  /** A remote participant of the meeting raises their hand. */
  raiseRemoteHand(): void;
  startRecording(): void;
  stopRecording(): void;
  startTranscription(): void;
  /** The network turns bad: the call reports it (user-facing diagnostics). */
  poorNetwork(): void;
  /** The network conditions clear. */
  networkRecovered(): void;
  /** A colleague arrives in the meeting's lobby. */
  someoneWaitsInLobby(): void;
  /** The remote party of a connected 1:1 call transfers us to a colleague: a new call replaces this one. */
  transferMeToColleague(): void;
  /** The next transfer of the call fails. */
  nextTransferFails(): void;
  /** Teams policy forbids turning the camera on in the call. */
  forbidVideoByPolicy(): void;
  /** Teams allows the camera again. */
  allowVideo(): void;
}

export interface DemoEnvironment {
  readonly mode: 'simulated' | 'real';
  readonly endpoint: TeamsEndpoint;
  /** The calling port's devices, for the settings panel (`createDeviceSettings`). */
  readonly devices: DevicePort;
  /** Only on the simulated tenant. */
  readonly simulator?: Simulator;
}

/**
 * Real mode is on when the client id and the exchange URL are both set; without them the pages run on the
 * simulated Fabrikam tenant. Real mode then needs the customer directory too.
 */
export interface RealModeConfig {
  readonly clientId: string;
  readonly exchangeUrl: string;
  readonly customerDirectory: CustomerDirectoryConfig;
}

/** Contoso's customer directory server (`@teams-endpoint/customer-directory`) and the scope of its API. */
export interface CustomerDirectoryConfig {
  /** `VITE_CUSTOMER_DIRECTORY_URL`: the root below which it serves `/customers`. */
  readonly url: string;
  /** `VITE_CUSTOMER_DIRECTORY_SCOPE`: a delegated scope of the directory's API, such as `api://contoso-customers/Customers.Read`. */
  readonly scope: string;
}

function realModeConfig(): RealModeConfig | null {
  const clientId = import.meta.env.VITE_TEAMS_CLIENT_ID as string | undefined;
  const exchangeUrl = import.meta.env.VITE_TOKEN_EXCHANGE_URL as string | undefined;
  if (!clientId || !exchangeUrl) return null;
  return { clientId, exchangeUrl, customerDirectory: customerDirectoryConfig() };
}

/**
 * The directory's settings, required in real mode: a real tenant's callers are the vendor's customers, never
 * the simulated tenant's, so a missing or half-set directory stops the page with a message naming the variable.
 */
function customerDirectoryConfig(): CustomerDirectoryConfig {
  const url = (import.meta.env.VITE_CUSTOMER_DIRECTORY_URL as string | undefined)?.trim() ?? '';
  const scope = (import.meta.env.VITE_CUSTOMER_DIRECTORY_SCOPE as string | undefined)?.trim() ?? '';
  const missing = [
    ...(url === '' ? ['VITE_CUSTOMER_DIRECTORY_URL'] : []),
    ...(scope === '' ? ['VITE_CUSTOMER_DIRECTORY_SCOPE'] : []),
  ];
  if (missing.length > 0) {
    throw new Error(
      `Real mode needs the customer directory: set ${missing.join(' and ')} (for example ` +
        'VITE_CUSTOMER_DIRECTORY_URL=http://localhost:8787/api and ' +
        'VITE_CUSTOMER_DIRECTORY_SCOPE=api://contoso-customers/Customers.Read), or unset VITE_TEAMS_CLIENT_ID ' +
        'and VITE_TOKEN_EXCHANGE_URL to run on the simulated tenant.',
    );
  }
  // Entra reads a scope without its resource ("Customers.Read") as a Microsoft Graph scope.
  if (!/^\S+\/[^/\s]+$/.test(scope)) {
    throw new Error(
      `VITE_CUSTOMER_DIRECTORY_SCOPE must name the directory's API and the scope, such as ` +
        `api://contoso-customers/Customers.Read; got "${scope}".`,
    );
  }
  return { url, scope };
}

const SIGNED_IN_KEY = 'teams-endpoint-demo:signed-in';

/** The IndexedDB databases of the call history: the simulated tenant's calls never mix with a real one's. */
export const DEMO_HISTORY_DB_NAMES = {
  simulated: 'teams-endpoint-demo:history:simulated',
  real: 'teams-endpoint-demo:history:real',
} as const;

/** Remembers across page loads that the user signed in, so every page signs in again by itself. */
export const signedInMemory = {
  get: () => sessionStorage.getItem(SIGNED_IN_KEY) === '1',
  set: (signedIn: boolean) =>
    signedIn ? sessionStorage.setItem(SIGNED_IN_KEY, '1') : sessionStorage.removeItem(SIGNED_IN_KEY),
};

/**
 * Loads the mode's ports lazily: the simulated tenant's fakes and mock worker, or MSAL, Graph and the ACS
 * calling port. Neither is in a page's initial JavaScript, and the ACS Calling SDK itself loads only when
 * the call agent connects.
 */
export async function createDemoEnvironment(): Promise<DemoEnvironment> {
  const config = realModeConfig();
  if (config) return (await import('./realMode')).createRealEnvironment(config);
  return (await import('./simulatedMode')).createSimulatedEnvironment();
}
