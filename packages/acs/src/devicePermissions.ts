import type { DevicePermissionState, DevicePermissionStates } from '@teams-endpoint/core';

/** The device kinds a browser asks permission for. */
export type PermissionKind = keyof DevicePermissionStates;

const KINDS: readonly PermissionKind[] = ['microphone', 'camera'];

/** The part of the browser's Permissions API the port reads. */
export type PermissionsApi = Pick<Permissions, 'query'>;

/** What the page may use, as far as the port can tell. */
export interface DevicePermissions {
  read(): Promise<DevicePermissionStates>;
  /** Records what `askDevicePermission` answered for the kinds that were asked. */
  record(answers: Partial<Record<PermissionKind, boolean>>): void;
  /** Follows the browser's own changes (site settings); returns the function that stops, removing its handlers. */
  watch(onChange: () => void): () => void;
}

/**
 * Permission states for the device port. The Calling SDK has no query for them (its `DeviceManager` only asks),
 * so the port reads the browser's `navigator.permissions.query({ name: 'microphone' | 'camera' })` where it
 * exists and answers (Firefox refused those names until recently, Safari before 16 has no API), and otherwise
 * says `prompt` until `askDevicePermission` answers.
 *
 * The latest answer of `askDevicePermission` wins over the query until the browser reports a change: a dismissed
 * prompt leaves the query at `prompt` although the page was refused, and a grant for this page's life only
 * (Firefox) may not show in the query at all.
 */
export function createDevicePermissions(
  permissions: () => PermissionsApi | undefined = () => globalThis.navigator?.permissions,
): DevicePermissions {
  const answers: Partial<Record<PermissionKind, DevicePermissionState>> = {};

  const query = async (kind: PermissionKind): Promise<PermissionStatus | undefined> => {
    const api = permissions();
    if (!api) return undefined;
    try {
      return await api.query({ name: kind });
    } catch {
      return undefined;
    }
  };

  const stateOf = async (kind: PermissionKind): Promise<DevicePermissionState> =>
    answers[kind] ?? (await query(kind))?.state ?? 'prompt';

  return {
    async read() {
      const [microphone, camera] = await Promise.all(KINDS.map(stateOf));
      return { microphone: microphone ?? 'prompt', camera: camera ?? 'prompt' };
    },
    record(granted) {
      for (const kind of KINDS) {
        const answer = granted[kind];
        if (answer !== undefined) answers[kind] = answer ? 'granted' : 'denied';
      }
    },
    watch(onChange) {
      let stopped = false;
      const handlers: Array<{ status: PermissionStatus; onStatusChange: () => void }> = [];
      for (const kind of KINDS) {
        void query(kind).then((status) => {
          if (!status || stopped) return;
          const onStatusChange = () => {
            delete answers[kind];
            onChange();
          };
          status.addEventListener('change', onStatusChange);
          handlers.push({ status, onStatusChange });
        });
      }
      return () => {
        stopped = true;
        for (const { status, onStatusChange } of handlers.splice(0)) {
          status.removeEventListener('change', onStatusChange);
        }
      };
    },
  };
}
