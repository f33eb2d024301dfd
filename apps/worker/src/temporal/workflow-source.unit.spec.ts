import type { AppConfig } from '../../../../libs/config/src';
import { workflowSource } from './temporal-worker.service';

describe('the workflow code a worker loads', () => {
  const bundled = { workflowBundle: '/app/dist/workflow-bundle.js' } as AppConfig;

  it('is the prebuilt bundle, the traced one beside it when the worker traces', () => {
    expect(workflowSource(bundled, false)).toEqual({ workflowBundle: { codePath: '/app/dist/workflow-bundle.js' } });
    expect(workflowSource(bundled, true)).toEqual({ workflowBundle: { codePath: '/app/dist/workflow-bundle.traced.js' } });
  });

  it('is bundled from source with the matching interceptor modules when there is no bundle', () => {
    const modules = (traced: boolean) => workflowSource({ workflowBundle: undefined } as AppConfig, traced).workflowModules?.map((file) => file.split('/').pop());
    expect(modules(false)).toEqual(['request-id-interceptors.ts']);
    expect(modules(true)).toEqual(['request-id-interceptors.ts', 'tracing-interceptors.ts']);
  });
});
