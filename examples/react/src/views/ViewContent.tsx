import type { DemoEnvironment, DemoView, TryAction } from '@teams-endpoint/demo-kit';
import { CustomersView } from './CustomersView';
import { MeetingsView } from './MeetingsView';
import { PeopleView } from './PeopleView';
import { SignInView } from './SignInView';

/** The current view's own content, below its heading. */
export function ViewContent(props: { view: DemoView; mode: DemoEnvironment['mode']; tryAction: TryAction }) {
  const { view, mode, tryAction } = props;
  switch (view.id) {
    case 'sign-in':
      return <SignInView mode={mode} />;
    case 'pstn-out':
      return <CustomersView tryAction={tryAction} />;
    case 'teams-out':
      return <PeopleView tryAction={tryAction} />;
    case 'meetings':
      return <MeetingsView tryAction={tryAction} />;
    default:
      // Use cases 2 and 4: the call rings in the calls section below.
      return (
        <>
          <p>{view.intro}</p>
          {mode === 'simulated' && <p className="hint">{view.simulatorHint}</p>}
        </>
      );
  }
}
