import { isTeamsEndpointError, type TeamsEndpointError } from '@teams-endpoint/core';
import type { TryAction } from '@teams-endpoint/demo-kit';
import {
  MEETING_TIMING_WORDS,
  meetingSubject,
  meetingsListText,
  meetingTiming,
  meetingWhen,
} from '@teams-endpoint/demo-kit';
import { useMeetings } from '@teams-endpoint/react';
import { type FormEvent, useRef, useState } from 'react';
import { useFieldError } from '../useFieldError';
import { useNow } from '../useNow';
import { WhenSignedIn } from './WhenSignedIn';

/** Whether "join by ID" was refused for its passcode rather than its meeting id (`details.field`). */
const passcodeRefused = (error: TeamsEndpointError) => error.details.field === 'passcode';

/**
 * Use case 5: this week's Teams meetings, or another one by link or by id and passcode (refused input is
 * explained under its field).
 */
export function MeetingsView({ tryAction }: { tryAction: TryAction }) {
  const [link, setLink] = useState('');
  const [meetingId, setMeetingId] = useState('');
  const [passcode, setPasscode] = useState('');
  const linkField = useRef<HTMLInputElement>(null);
  const idField = useRef<HTMLInputElement>(null);
  const passcodeField = useRef<HTMLInputElement>(null);
  const linkError = useFieldError();
  const idError = useFieldError();
  const passcodeError = useFieldError();
  const joinByLink = (event: FormEvent) => {
    event.preventDefault();
    linkError.setError('');
    tryAction((endpoint) => {
      try {
        endpoint.joinMeeting(link);
      } catch (failure) {
        if (!isTeamsEndpointError(failure) || failure.code !== 'invalid_meeting_link') throw failure;
        linkError.setError(failure.message);
        linkField.current?.focus();
      }
    });
  };
  const joinById = (event: FormEvent) => {
    event.preventDefault();
    idError.setError('');
    passcodeError.setError('');
    tryAction((endpoint) => {
      try {
        endpoint.joinMeetingById(meetingId, passcode);
      } catch (failure) {
        if (!isTeamsEndpointError(failure) || failure.code !== 'invalid_meeting_id') throw failure;
        const [error, field] = passcodeRefused(failure) ? [passcodeError, passcodeField] : [idError, idField];
        error.setError(failure.message);
        field.current?.focus();
      }
    });
  };
  return (
    <>
      <h2>This week</h2>
      <WhenSignedIn>
        <MeetingList tryAction={tryAction} />
      </WhenSignedIn>
      <h2>Or join another meeting</h2>
      <form className="field" aria-label="Join by link" noValidate onSubmit={joinByLink}>
        <div className="inline-form">
          <label htmlFor="meeting-link">Meeting link</label>
          <input
            ref={linkField}
            id="meeting-link"
            type="url"
            {...linkError.inputProps}
            value={link}
            onChange={(event) => {
              setLink(event.target.value);
              linkError.setError('');
            }}
          />
          <button type="submit">Join by link</button>
        </div>
        <p {...linkError.errorProps}>{linkError.error}</p>
      </form>
      <form className="field" aria-label="Join by meeting ID" noValidate onSubmit={joinById}>
        <div className="inline-form">
          <label htmlFor="meeting-id">Meeting ID</label>
          <input
            ref={idField}
            id="meeting-id"
            inputMode="numeric"
            {...idError.inputProps}
            value={meetingId}
            onChange={(event) => {
              setMeetingId(event.target.value);
              idError.setError('');
            }}
          />
        </div>
        <p {...idError.errorProps}>{idError.error}</p>
        <div className="inline-form">
          <label htmlFor="meeting-passcode">Passcode</label>
          <input
            ref={passcodeField}
            id="meeting-passcode"
            {...passcodeError.inputProps}
            value={passcode}
            onChange={(event) => {
              setPasscode(event.target.value);
              passcodeError.setError('');
            }}
          />
          <button type="submit">Join by ID</button>
        </div>
        <p {...passcodeError.errorProps}>{passcodeError.error}</p>
      </form>
    </>
  );
}

/** This week's meetings: subject, when, and whether each is over, on now or to come (checked every minute). */
function MeetingList({ tryAction }: { tryAction: TryAction }) {
  const { snapshot } = useMeetings();
  const now = useNow(60_000);
  return (
    <>
      <p role="status">{meetingsListText(snapshot)}</p>
      <ul className="list" aria-label="Meetings this week">
        {snapshot.items.map((meeting) => {
          const timing = meetingTiming(meeting, now);
          return (
            <li key={meeting.id} className="meeting" data-timing={timing}>
              <span className="meeting-info">
                <span className="meeting-subject">
                  {meetingSubject(meeting)}
                  <span className="timing" data-timing={timing}>
                    {MEETING_TIMING_WORDS[timing]}
                  </span>
                </span>
                <span className="meeting-when">{meetingWhen(meeting)}</span>
              </span>
              <button
                type="button"
                onClick={() =>
                  tryAction((endpoint) => endpoint.joinMeeting(meeting.joinUrl, { subject: meeting.subject }))
                }
              >
                Join {meetingSubject(meeting)}
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
