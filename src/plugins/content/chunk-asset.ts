/**
 * `__webpack_require__.gca(chunkName)`, which Docusaurus calls to prefetch the chunks of a linked
 * page, without Docusaurus' table from chunk names to chunk ids: with `chunkIds: 'named'` (set with
 * the browser's route tables, see index.ts) a chunk's id is its name, and that table only repeated
 * the name of every chunk of the site in the runtime every page loads.
 */
import type { Compiler, Configuration } from 'webpack';

const NAME = 'essaim-chunk-asset';

class ChunkAssetByName {
  apply(compiler: Compiler): void {
    const { RuntimeModule, RuntimeGlobals } = compiler.webpack;
    class GetChunkAsset extends RuntimeModule {
      constructor() {
        super('EssaimGetChunkAsset', RuntimeModule.STAGE_ATTACH);
      }
      override generate(): string {
        return `__webpack_require__.gca = function(chunkId) { return ${RuntimeGlobals.publicPath} + ${RuntimeGlobals.getChunkScriptFilename}(chunkId); };`;
      }
    }
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.additionalTreeRuntimeRequirements.tap(NAME, (chunk) => {
        compilation.addRuntimeModule(chunk, new GetChunkAsset());
      });
    });
  }
}

/** Replaces Docusaurus' ChunkAssetPlugin in `config` (whose chunk ids must be their names). */
export function useChunkAssetByName(config: Configuration): void {
  if (config.optimization?.chunkIds !== 'named') throw new Error('gca sans table : les identifiants de morceaux doivent être leurs noms (chunkIds: named)');
  const plugins = config.plugins ?? [];
  const i = plugins.findIndex((p) => p?.constructor.name === 'ChunkAssetPlugin');
  if (i < 0) throw new Error('ChunkAssetPlugin de Docusaurus introuvable : sa fonction gca a changé ?');
  plugins.splice(i, 1, new ChunkAssetByName());
}
