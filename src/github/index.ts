export { createGitHubClient, resolveToken, type GitHubClient, type GitHubClientOptions } from './client.js';
export { GitHubError, ProposeError } from './errors.js';
export { proposeLocally, type ProposeLocallyOptions, type ProposeLocallyResult } from './local.js';
export { assertFiles, branchName, isValidBranchName, type FileChange } from './names.js';
export { proposeChange, type ProposeChangeOptions, type ProposeChangeResult } from './pull-request.js';
