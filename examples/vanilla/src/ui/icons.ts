const SVG = 'http://www.w3.org/2000/svg';

type Shape = readonly [tag: 'rect' | 'polygon' | 'circle', attributes: Record<string, string>];

function icon(label: string, className: string, shapes: readonly Shape[]): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  for (const [name, value] of Object.entries({
    class: `icon ${className}`,
    viewBox: '0 0 16 16',
    width: '16',
    height: '16',
    role: 'img',
    'aria-label': label,
    focusable: 'false',
  }))
    svg.setAttribute(name, value);
  const title = document.createElementNS(SVG, 'title');
  title.textContent = label;
  svg.append(title);
  for (const [tag, attributes] of shapes) {
    const shape = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) shape.setAttribute(name, value);
    svg.append(shape);
  }
  return svg;
}

/**
 * A raised hand, drawn rather than an emoji: a page without an emoji font (a headless browser, some
 * desktops) shows the same picture.
 */
export const handRaisedIcon = (): SVGSVGElement =>
  icon('Hand raised', 'icon-hand', [
    ['rect', { x: '4', y: '2.5', width: '2', height: '7', rx: '1' }],
    ['rect', { x: '6.5', y: '1', width: '2', height: '8', rx: '1' }],
    ['rect', { x: '9', y: '1.5', width: '2', height: '7.5', rx: '1' }],
    ['rect', { x: '11.5', y: '3', width: '2', height: '6', rx: '1' }],
    ['rect', { x: '4', y: '7', width: '9.5', height: '7.5', rx: '3' }],
    ['rect', { x: '1.6', y: '7', width: '2', height: '5', rx: '1', transform: 'rotate(-35 2.6 9.5)' }],
  ]);

/** Someone spotlighted: a star. */
export const spotlightedIcon = (): SVGSVGElement =>
  icon('Spotlighted', 'icon-spotlight', [
    ['polygon', { points: '8,1 10,6 15,6.2 11,9.4 12.4,14.5 8,11.6 3.6,14.5 5,9.4 1,6.2 6,6' }],
  ]);
