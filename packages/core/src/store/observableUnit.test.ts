import { describe, expect, it } from 'vitest';
import { createUnitStore, shareArray, shareShallow } from './observableUnit';

const microtask = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('createUnitStore', () => {
  it('returns the same snapshot until something changed, and reads are always current', () => {
    let value = 1;
    const unit = createUnitStore<{ value: number }>((previous) => shareShallow(previous, { value }));
    const first = unit.getSnapshot();
    unit.invalidate();
    expect(unit.getSnapshot()).toBe(first);
    value = 2;
    unit.invalidate();
    expect(unit.getSnapshot()).toEqual({ value: 2 });
    expect(unit.getSnapshot()).toBe(unit.getSnapshot());
  });

  it('notifies each subscriber once per burst, and not at all when nothing changed', async () => {
    let value = 0;
    const unit = createUnitStore<{ value: number }>((previous) => shareShallow(previous, { value }));
    let notified = 0;
    unit.subscribe(() => notified++);
    for (let i = 0; i < 1_000; i++) {
      value = i % 7;
      unit.invalidate();
    }
    await microtask();
    expect(notified).toBe(1);
    value = 999 % 7; // the same as the burst's final value
    unit.invalidate();
    await microtask();
    expect(notified).toBe(1);
  });

  it('unsubscribe removes exactly that listener, even when the same function is subscribed twice', async () => {
    let value = 0;
    const unit = createUnitStore<number>(() => value);
    let calls = 0;
    const listener = () => calls++;
    const stopFirst = unit.subscribe(listener);
    unit.subscribe(listener);
    expect(unit.subscriberCount).toBe(2);
    stopFirst();
    stopFirst();
    expect(unit.subscriberCount).toBe(1);
    value = 1;
    unit.invalidate();
    await microtask();
    expect(calls).toBe(1);
  });

  it('state$ emits the current snapshot first, then each change, and unsubscribes', async () => {
    let value = 'a';
    const unit = createUnitStore<string>(() => value);
    const seen: string[] = [];
    const subscription = unit.state$.subscribe((snapshot) => seen.push(snapshot));
    value = 'b';
    unit.invalidate();
    await microtask();
    subscription.unsubscribe();
    expect(seen).toEqual(['a', 'b']);
    expect(unit.subscriberCount).toBe(0);
  });

  it('invalidates the parent unit so that its reads are current too', () => {
    let child = 1;
    const childUnit = createUnitStore<number>(
      () => child,
      () => parent.invalidate(),
    );
    const parent = createUnitStore<{ child: number }>((previous) =>
      shareShallow(previous, { child: childUnit.getSnapshot() }),
    );
    child = 2;
    childUnit.invalidate();
    expect(parent.getSnapshot().child).toBe(2);
  });
});

describe('structural sharing', () => {
  it('keeps the previous object or array when nothing inside changed', () => {
    const item = { id: 1 };
    expect(shareShallow({ a: 1, b: item }, { a: 1, b: item })).toEqual({ a: 1, b: item });
    const previous = { a: 1, b: item };
    expect(shareShallow(previous, { a: 1, b: item })).toBe(previous);
    expect(shareShallow(previous, { a: 2, b: item })).not.toBe(previous);
    expect(shareShallow(previous, { a: 1, b: item, c: 3 } as typeof previous)).not.toBe(previous);
    const list = [item];
    expect(shareArray(list, [item])).toBe(list);
    expect(shareArray(list, [{ id: 1 }])).not.toBe(list);
  });
});

describe('a subscriber that throws', () => {
  it('neither silences the other subscribers nor later notifications', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (error: unknown) => errors.push(error);
    try {
      let value = 0;
      const unit = createUnitStore<number>(() => value);
      let heard = 0;
      unit.subscribe(() => {
        throw new Error('broken subscriber');
      });
      unit.subscribe(() => heard++);
      value = 1;
      unit.invalidate();
      await microtask();
      value = 2;
      unit.invalidate();
      await microtask();
      expect(heard).toBe(2);
      expect(errors).toHaveLength(2);
    } finally {
      console.error = original;
    }
  });
});
