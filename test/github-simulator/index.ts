export {
  startGitHubSimulator,
  type ContractViolation,
  type CreateRepoOptions,
  type Fault,
  type FaultKind,
  type GitHubSimulator,
  type RecordedRequest,
  type SimulatorOptions,
} from './simulator.js';
export type { SimComment, SimIssue, SimLabel, SimPull, SimRepo, SimState, SimUser } from './state.js';
