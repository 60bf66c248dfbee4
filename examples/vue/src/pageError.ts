import { createTryAction, type TryAction } from '@teams-endpoint/demo-kit';
import { injectTeamsEndpoint } from '@teams-endpoint/vue';
import { type InjectionKey, inject, provide, type Ref, ref } from 'vue';

const tryActionKey: InjectionKey<TryAction> = Symbol('try action');

/** The page's error message; the views below report their actions' errors to it with `injectTryAction()`. */
export function providePageError(): Ref<string> {
  const error = ref('');
  provide(
    tryActionKey,
    createTryAction(injectTeamsEndpoint(), (message) => {
      error.value = message;
    }),
  );
  return error;
}

/** Runs an endpoint action; an error it throws (bad input, not signed in) shows in the page's alert region. */
export function injectTryAction(): TryAction {
  const tryAction = inject(tryActionKey);
  if (!tryAction) throw new Error('injectTryAction() needs providePageError() in an ancestor.');
  return tryAction;
}
