// @vitest-environment jsdom
// Each vitest project runs these tests against one Vue version (vitest.config.ts): a broken alias would
// otherwise test the same version twice, or mount with one copy of Vue while the composables use another.
import { mount } from '@vue/test-utils';
import { describe, expect, inject, it } from 'vitest';
import { createSSRApp, defineComponent, getCurrentInstance, h, version } from 'vue';
import { renderToString } from 'vue/server-renderer';

/** Renders the version of the Vue that created its app, read through this file's own `vue` import. */
const AppVersion = defineComponent({
  setup() {
    const app = getCurrentInstance()?.appContext.app;
    return () => h('output', app?.version);
  },
});

describe(`Vue ${inject('frameworkVersion')}`, () => {
  it('is the version this project pins', () => {
    expect(version).toBe(inject('frameworkVersion'));
  });

  it('is the copy that test-utils mounts with and the server renderer renders with', async () => {
    expect(mount(AppVersion).text()).toBe(inject('frameworkVersion'));
    expect(await renderToString(createSSRApp(AppVersion))).toBe(
      `<output>${inject('frameworkVersion')}</output>`,
    );
  });
});
