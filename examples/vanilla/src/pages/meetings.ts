import type { TeamsMeeting } from '@teams-endpoint/core';
import { bindList, bindText } from '@teams-endpoint/vanilla';
import { button, el } from '../ui/dom';
import { loadWhenReady, startPage, tryAction } from '../ui/page';

const timeFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

void startPage('Use case 5: join a Teams meeting', (main, context) => {
  const { endpoint } = context;
  const meetings = el('ul', { class: 'list', 'aria-label': 'Meetings this week' });
  const listState = el('p', { role: 'status' });

  const link = el('input', { id: 'meeting-link', type: 'url' });
  const byLink = el(
    'form',
    { class: 'inline-form', 'aria-label': 'Join by link' },
    el('label', { for: 'meeting-link' }, 'Meeting link'),
    link,
    el('button', { type: 'submit' }, 'Join by link'),
  );
  byLink.addEventListener('submit', (event) => {
    event.preventDefault();
    tryAction(context, (e) => e.joinMeeting(link.value));
  });

  const meetingId = el('input', { id: 'meeting-id', inputmode: 'numeric' });
  const passcode = el('input', { id: 'meeting-passcode' });
  const byId = el(
    'form',
    { class: 'inline-form', 'aria-label': 'Join by meeting ID' },
    el('label', { for: 'meeting-id' }, 'Meeting ID'),
    meetingId,
    el('label', { for: 'meeting-passcode' }, 'Passcode'),
    passcode,
    el('button', { type: 'submit' }, 'Join by ID'),
  );
  byId.addEventListener('submit', (event) => {
    event.preventDefault();
    tryAction(context, (e) => e.joinMeetingById(meetingId.value, passcode.value));
  });

  main.append(
    el('h2', {}, 'This week'),
    listState,
    meetings,
    el('h2', {}, 'Or join another meeting'),
    byLink,
    byId,
  );
  bindText(listState, endpoint.meetings, (s) => {
    if (s.status === 'loading') return 'Loading your calendar…';
    if (s.error) return s.error.message;
    return s.status === 'loaded' && s.items.length === 0 ? 'No Teams meetings this week.' : '';
  });
  bindList(
    meetings,
    endpoint.meetings,
    (s) => s.items,
    (meeting: TeamsMeeting) =>
      el(
        'li',
        {},
        el('span', {}, `${meeting.subject} · ${timeFormat.format(new Date(meeting.start))}`),
        button(`Join ${meeting.subject}`, () =>
          tryAction(context, (e) => e.joinMeeting(meeting.joinUrl, { subject: meeting.subject })),
        ),
      ),
    (meeting) => meeting.id,
  );
  loadWhenReady(context, () => endpoint.meetings.load());
});
