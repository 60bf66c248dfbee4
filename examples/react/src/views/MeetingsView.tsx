import { useMeetings } from '@teams-endpoint/react';
import { type FormEvent, useState } from 'react';
import { meetingLine, meetingsListText } from '../shared/listView';
import type { TryAction } from '../shared/tryAction';
import { WhenSignedIn } from './WhenSignedIn';

/** Use case 5: this week's Teams meetings, or another one by link or by id and passcode. */
export function MeetingsView({ tryAction }: { tryAction: TryAction }) {
  const [link, setLink] = useState('');
  const [meetingId, setMeetingId] = useState('');
  const [passcode, setPasscode] = useState('');
  const joinByLink = (event: FormEvent) => {
    event.preventDefault();
    tryAction((endpoint) => endpoint.joinMeeting(link));
  };
  const joinById = (event: FormEvent) => {
    event.preventDefault();
    tryAction((endpoint) => endpoint.joinMeetingById(meetingId, passcode));
  };
  return (
    <>
      <h2>This week</h2>
      <WhenSignedIn>
        <MeetingList tryAction={tryAction} />
      </WhenSignedIn>
      <h2>Or join another meeting</h2>
      <form className="inline-form" aria-label="Join by link" onSubmit={joinByLink}>
        <label htmlFor="meeting-link">Meeting link</label>
        <input id="meeting-link" type="url" value={link} onChange={(event) => setLink(event.target.value)} />
        <button type="submit">Join by link</button>
      </form>
      <form className="inline-form" aria-label="Join by meeting ID" onSubmit={joinById}>
        <label htmlFor="meeting-id">Meeting ID</label>
        <input
          id="meeting-id"
          inputMode="numeric"
          value={meetingId}
          onChange={(event) => setMeetingId(event.target.value)}
        />
        <label htmlFor="meeting-passcode">Passcode</label>
        <input id="meeting-passcode" value={passcode} onChange={(event) => setPasscode(event.target.value)} />
        <button type="submit">Join by ID</button>
      </form>
    </>
  );
}

function MeetingList({ tryAction }: { tryAction: TryAction }) {
  const { snapshot } = useMeetings();
  return (
    <>
      <p role="status">{meetingsListText(snapshot)}</p>
      <ul className="list" aria-label="Meetings this week">
        {snapshot.items.map((meeting) => (
          <li key={meeting.id}>
            <span>{meetingLine(meeting)}</span>
            <button
              type="button"
              onClick={() =>
                tryAction((endpoint) => endpoint.joinMeeting(meeting.joinUrl, { subject: meeting.subject }))
              }
            >
              Join {meeting.subject}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
