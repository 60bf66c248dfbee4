// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { placeChildren } from './placeChildren';

const button = (label: string) => {
  const node = document.createElement('button');
  node.textContent = label;
  return node;
};

describe('placeChildren', () => {
  it('keeps focus on a node that stays while items are added, removed and reordered around it', () => {
    const list = document.createElement('div');
    document.body.append(list);
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(button) as [
      HTMLButtonElement,
      HTMLButtonElement,
      HTMLButtonElement,
      HTMLButtonElement,
    ];
    placeChildren(list, [a, b, c]);
    b.focus();
    placeChildren(list, [a, b, c, d]);
    expect(document.activeElement).toBe(b);
    placeChildren(list, [b, d]);
    expect(Array.from(list.children)).toEqual([b, d]);
    placeChildren(list, [b, c, d]);
    expect(Array.from(list.children)).toEqual([b, c, d]);
    expect(document.activeElement).toBe(b);
    placeChildren(list, []);
    expect(list.childNodes).toHaveLength(0);
  });
});
