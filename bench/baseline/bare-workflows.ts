/** Every workflow of the bare-Temporal baselines: the bare worker bundles this file. */
export { bareUpdateWorkflow } from './bare-update-workflow';
export { bareStartOnlyWorkflow } from './bare-start-only-workflow';
export { bareLifecycleWorkflow } from './bare-lifecycle-workflow';
