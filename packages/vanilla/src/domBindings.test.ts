// @vitest-environment jsdom
import type { Person } from '@teams-endpoint/core';
import { fabrikam, waitForSnapshot } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import {
  createFabrikamEndpoint,
  settle,
  useGraphServer,
} from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import { bindAttribute, bindDisabled } from './bindAttribute';
import { bindList } from './bindList';
import { bindText } from './bindText';
import { subscribeMany } from './subscribeMany';

useGraphServer();

const renderPerson = (person: Person) => {
  const item = document.createElement('li');
  item.textContent = person.displayName;
  return item;
};

describe('DOM bindings', () => {
  it('renders a hostile incoming Teams caller name as text, not markup', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const container = document.createElement('div');
    const caller = document.createElement('strong');
    const accept = document.createElement('button');
    container.append(caller, accept);
    const stop = subscribeMany(
      bindText(caller, endpoint, (s) => {
        const remote = s.calls[0]?.remote;
        return remote && 'displayName' in remote ? remote.displayName : '';
      }),
      bindDisabled(accept, endpoint, (s) => !s.calls[0]?.can.accept),
    );
    expect(accept.disabled).toBe(true);

    world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.hostilePersonId });
    await waitForSnapshot(endpoint, (s) => s.calls[0]?.callerResolution === 'resolved');
    await settle();

    expect(caller.textContent).toBe(fabrikam.hostileDisplayName);
    expect(container.textContent).toContain('<img');
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(accept.disabled).toBe(false);
    stop();
  });

  it('renders the people list, hostile name included, as text nodes, keyed by id', async () => {
    const { endpoint } = await createFabrikamEndpoint();
    const list = document.createElement('ul');
    let rendered = 0;
    const stop = bindList(
      list,
      endpoint.people,
      (s) => s.items,
      (person) => {
        rendered++;
        return renderPerson(person);
      },
      (person) => person.id,
    );
    endpoint.people.load();
    await waitForSnapshot(endpoint.people, (s) => s.status === 'loaded');
    await settle();

    expect(list.children).toHaveLength(fabrikam.people.length);
    expect(list.textContent).toContain('<img');
    expect(list.querySelector('img')).toBeNull();
    const hostileItem = Array.from(list.children).find(
      (item) => item.textContent === fabrikam.hostileDisplayName,
    );
    expect(hostileItem?.childNodes).toHaveLength(1);
    expect(hostileItem?.firstChild?.nodeType).toBe(Node.TEXT_NODE);
    expect(rendered).toBe(fabrikam.people.length);
    stop();
  });

  it('keeps the nodes of unchanged items when the list changes', async () => {
    const items = [
      { id: 'a', name: 'Adele' },
      { id: 'b', name: 'Bruno' },
    ];
    let snapshot = { items };
    const listeners = new Set<() => void>();
    const unit = {
      getSnapshot: () => snapshot,
      subscribe: (listener: () => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const list = document.createElement('ul');
    const stop = bindList(
      list,
      unit,
      (s) => s.items,
      (item) => Object.assign(document.createElement('li'), { textContent: item.name }),
      (item) => item.id,
    );
    const [adele, bruno] = Array.from(list.children);

    snapshot = { items: [items[1]!, { id: 'c', name: 'Chen' }, items[0]!] };
    for (const listener of listeners) listener();
    expect(Array.from(list.children).map((item) => item.textContent)).toEqual(['Bruno', 'Chen', 'Adele']);
    expect(list.children[0]).toBe(bruno);
    expect(list.children[2]).toBe(adele);
    stop();
    expect(listeners.size).toBe(0);
  });

  it('binds attributes, and refuses event-handler attributes', async () => {
    const { endpoint } = await createFabrikamEndpoint({ signIn: false });
    const panel = document.createElement('section');
    const stop = bindAttribute(panel, 'data-session', endpoint, (s) => s.session.status);
    expect(panel.getAttribute('data-session')).toBe('signed_out');
    await endpoint.signIn();
    await settle();
    expect(panel.getAttribute('data-session')).toBe('ready');
    stop();
    expect(() => bindAttribute(panel, 'onclick', endpoint, () => 'alert(1)')).toThrow(TypeError);
    expect(() => bindAttribute(panel, 'ONMOUSEOVER', endpoint, () => 'alert(1)')).toThrow(TypeError);
  });
});
