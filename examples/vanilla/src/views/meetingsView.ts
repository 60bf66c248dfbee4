import { isTeamsEndpointError, type TeamsMeeting } from '@teams-endpoint/core';
import {
  MEETING_TIMING_WORDS,
  meetingSubject,
  meetingsListText,
  meetingTiming,
  meetingWhen,
} from '@teams-endpoint/demo-kit';
import { bindList, bindText, subscribeMany } from '@teams-endpoint/vanilla';
import type { ViewRenderer } from '../router';
import { button, el } from '../ui/dom';
import { errorMessage, fieldError } from '../ui/fieldError';
import { loadWhenReady, type ViewContext } from './viewContext';

/** A meeting: subject, when, a badge for over / now / to come, and its join button. */
function meetingItem(meeting: TeamsMeeting, context: ViewContext): HTMLLIElement {
  const subject = meetingSubject(meeting);
  const timing = meetingTiming(meeting, Date.now());
  return el(
    'li',
    { class: 'meeting', 'data-timing': timing },
    el(
      'span',
      { class: 'meeting-info' },
      el(
        'span',
        { class: 'meeting-subject' },
        subject,
        el('span', { class: 'timing', 'data-timing': timing }, MEETING_TIMING_WORDS[timing]),
      ),
      el('span', { class: 'meeting-when' }, meetingWhen(meeting)),
    ),
    button(`Join ${subject}`, () => context.tryAction((e) => e.joinMeeting(meeting.joinUrl, { subject }))),
  );
}

/** Use case 5: join one of this week's meetings, or any meeting by link or by id and passcode. */
export const meetingsView =
  (context: ViewContext): ViewRenderer =>
  (content) => {
    const { endpoint } = context;
    const meetings = el('ul', { class: 'list', 'aria-label': 'Meetings this week' });
    const listState = el('p', { role: 'status' });

    const link = el('input', { id: 'meeting-link', type: 'url' });
    const linkError = fieldError(link);
    const byLink = el(
      'form',
      { class: 'field', 'aria-label': 'Join by link', novalidate: true },
      el(
        'div',
        { class: 'inline-form' },
        el('label', { for: 'meeting-link' }, 'Meeting link'),
        link,
        el('button', { type: 'submit' }, 'Join by link'),
      ),
      linkError.node,
    );
    const onJoinByLink = (event: SubmitEvent) => {
      event.preventDefault();
      context.showError('');
      linkError.clear();
      try {
        endpoint.joinMeeting(link.value);
      } catch (error) {
        if (isTeamsEndpointError(error) && error.code === 'invalid_meeting_link') {
          linkError.show(error.message);
          link.focus();
        } else context.showError(errorMessage(error));
      }
    };
    byLink.addEventListener('submit', onJoinByLink);

    const meetingId = el('input', { id: 'meeting-id', inputmode: 'numeric' });
    const passcode = el('input', { id: 'meeting-passcode' });
    const meetingIdError = fieldError(meetingId);
    const passcodeError = fieldError(passcode);
    const byId = el(
      'form',
      { class: 'field', 'aria-label': 'Join by meeting ID', novalidate: true },
      el(
        'div',
        { class: 'inline-form' },
        el('label', { for: 'meeting-id' }, 'Meeting ID'),
        meetingId,
        el('label', { for: 'meeting-passcode' }, 'Passcode'),
        passcode,
        el('button', { type: 'submit' }, 'Join by ID'),
      ),
      meetingIdError.node,
      passcodeError.node,
    );
    const onJoinById = (event: SubmitEvent) => {
      event.preventDefault();
      context.showError('');
      meetingIdError.clear();
      passcodeError.clear();
      try {
        endpoint.joinMeetingById(meetingId.value, passcode.value);
      } catch (error) {
        if (isTeamsEndpointError(error) && error.code === 'invalid_meeting_id') {
          // The core says which of the two fields is wrong.
          const [field, fieldErrorOf] =
            error.details?.field === 'passcode' ? [passcode, passcodeError] : [meetingId, meetingIdError];
          fieldErrorOf.show(error.message);
          field.focus();
        } else context.showError(errorMessage(error));
      }
    };
    byId.addEventListener('submit', onJoinById);

    content.append(
      el('h2', {}, 'This week'),
      listState,
      meetings,
      el('h2', {}, 'Or join another meeting'),
      byLink,
      byId,
    );
    return subscribeMany(
      bindText(listState, endpoint.meetings, meetingsListText),
      bindList(
        meetings,
        endpoint.meetings,
        (s) => s.items,
        (meeting) => meetingItem(meeting, context),
        (meeting) => meeting.id,
      ),
      loadWhenReady(context, () => endpoint.meetings.load()),
      linkError.stop,
      meetingIdError.stop,
      passcodeError.stop,
      () => {
        byLink.removeEventListener('submit', onJoinByLink);
        byId.removeEventListener('submit', onJoinById);
      },
    );
  };
