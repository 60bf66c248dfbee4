import { sameItems } from '@teams-endpoint/core';
import { useEndpointSelector } from '@teams-endpoint/vue';
import type { Ref } from 'vue';
import { selectPanelCallIds } from '../../react/src/shared/callView';

/** The ids of the calls that get a panel; changes when calls come and go, not when one changes. */
export function usePanelCallIds(): Readonly<Ref<readonly string[]>> {
  return useEndpointSelector(selectPanelCallIds, sameItems);
}
