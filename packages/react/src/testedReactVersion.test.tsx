// @vitest-environment jsdom
// Each vitest project runs these tests against one React version (vitest.config.ts): a broken alias would
// otherwise test the same version twice, or hand the hooks one copy of React and react-dom another.
import { render, screen } from '@testing-library/react';
import { useState, version } from 'react';
import { version as domVersion } from 'react-dom';
import { renderToString } from 'react-dom/server';
import { describe, expect, inject, it } from 'vitest';
import { setUpFabrikamTests } from './strictEndpoint.test-support';

setUpFabrikamTests();

function Version() {
  const [shown] = useState(version);
  return <output>{shown}</output>;
}

describe(`React ${inject('frameworkVersion')}`, () => {
  it('is the version this project pins, for react and react-dom alike', () => {
    expect(version).toBe(inject('frameworkVersion'));
    expect(domVersion).toBe(inject('frameworkVersion'));
  });

  it('is the copy that testing-library and the server renderer render with', () => {
    render(<Version />);
    expect(screen.getByRole('status').textContent).toBe(inject('frameworkVersion'));
    expect(renderToString(<Version />)).toBe(`<output>${inject('frameworkVersion')}</output>`);
  });
});
