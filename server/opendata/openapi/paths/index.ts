// Every domain's part of the API description. Another engineer adding `/api/` routes adds a file here.
import type { OperationSpec } from '../openapi-document.ts';
import { accessPaths } from './access.paths.ts';
import { accountPaths } from './account.paths.ts';
import { demandPaths } from './demand.paths.ts';
import { directoryPaths } from './directory.paths.ts';
import { locationPaths } from './locations.paths.ts';
import { networkPaths } from './networks.paths.ts';
import { opendataPaths } from './opendata.paths.ts';
import { passPaths } from './passes.paths.ts';
import { programmePaths } from './programmes.paths.ts';

export const API_OPERATIONS: readonly OperationSpec[] = [
  ...directoryPaths,
  ...locationPaths,
  ...networkPaths,
  ...accessPaths,
  ...demandPaths,
  ...programmePaths,
  ...passPaths,
  ...accountPaths,
  ...opendataPaths,
];
