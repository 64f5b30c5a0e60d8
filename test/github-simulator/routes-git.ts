// Git database endpoints (blobs, trees, commits, refs) and contents, on real bare repositories.
import { buildTree, git, gitBuffer } from '../../src/github/git.js';
import { isValidBranchName } from '../../src/github/names.js';
import type { Json, JsonObject } from './contract.js';
import { HttpFailure, bodyObject, optionalString, type SimCore } from './core.js';
import { nodeId, timestamp } from './payloads.js';
import type { SimRepo } from './state.js';

interface Signature {
  name: string;
  email: string;
  date: string;
}

function parseSignature(line: string): Signature {
  const found = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(line);
  if (!found) return { name: line, email: '', date: timestamp(new Date(0)) };
  return { name: found[1] ?? '', email: found[2] ?? '', date: timestamp(new Date(Number(found[3]) * 1000)) };
}

export function registerGitRoutes(core: SimCore): void {
  const api = (repo: SimRepo, suffix: string): string => `${core.urls.api}/repos/${repo.fullName}${suffix}`;

  const refJson = (repo: SimRepo, fullRef: string, sha: string, type: string): JsonObject => {
    return {
      ref: fullRef,
      node_id: nodeId('REF', Number.parseInt(sha.slice(0, 8), 16)),
      url: api(repo, `/git/${fullRef}`),
      object: { type, sha, url: api(repo, `/git/${type}s/${sha}`) },
    };
  };

  const commitJson = async (repo: SimRepo, sha: string): Promise<JsonObject> => {
    const raw = await git(repo.gitDir, ['cat-file', 'commit', sha]);
    const split = raw.indexOf('\n\n');
    const headers = (split === -1 ? raw : raw.slice(0, split)).split('\n');
    const message = split === -1 ? '' : raw.slice(split + 2);
    let tree = '';
    const parents: string[] = [];
    let author: Signature = parseSignature('');
    let committer: Signature = author;
    for (const header of headers) {
      const [key, ...rest] = header.split(' ');
      const value = rest.join(' ');
      if (key === 'tree') tree = value;
      if (key === 'parent') parents.push(value);
      if (key === 'author') author = parseSignature(value);
      if (key === 'committer') committer = parseSignature(value);
    }
    return {
      sha,
      node_id: nodeId('C', Number.parseInt(sha.slice(0, 8), 16)),
      url: api(repo, `/git/commits/${sha}`),
      html_url: `${core.urls.web}/${repo.fullName}/commit/${sha}`,
      author: { ...author },
      committer: { ...committer },
      tree: { sha: tree, url: api(repo, `/git/trees/${tree}`) },
      message,
      parents: parents.map((parent) => ({
        sha: parent,
        url: api(repo, `/git/commits/${parent}`),
        html_url: `${core.urls.web}/${repo.fullName}/commit/${parent}`,
      })),
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    };
  };

  const treeJson = async (repo: SimRepo, sha: string, recursive: boolean): Promise<JsonObject> => {
    const listing = await git(repo.gitDir, ['ls-tree', '-l', ...(recursive ? ['-r', '-t'] : []), sha]);
    const tree: Json[] = listing
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const [meta = '', path = ''] = line.split('\t');
        const [mode = '', type = '', objectSha = '', size = '-'] = meta.split(/\s+/);
        const entry: JsonObject = { path, mode, type, sha: objectSha, url: api(repo, `/git/${type}s/${objectSha}`) };
        if (size !== '-') entry.size = Number(size);
        return entry;
      });
    return { sha, url: api(repo, `/git/trees/${sha}`), tree, truncated: false };
  };

  core.repoRoute('POST', '/repos/{owner}/{repo}/git/blobs', 'push', async (ctx, repo) => {
    const body = bodyObject(ctx.body);
    const content = optionalString(body.content) ?? '';
    const input = body.encoding === 'base64' ? Buffer.from(content, 'base64') : Buffer.from(content, 'utf8');
    const sha = await git(repo.gitDir, ['hash-object', '-w', '--stdin'], { input });
    return { status: 201, body: { url: api(repo, `/git/blobs/${sha}`), sha } };
  });

  core.repoRoute('GET', '/repos/{owner}/{repo}/git/blobs/{file_sha}', 'public', async (ctx, repo) => {
    const sha = ctx.params.file_sha ?? '';
    const type = /^[0-9a-f]{40}$/.test(sha) ? await git(repo.gitDir, ['cat-file', '-t', sha]).catch(() => '') : '';
    if (type !== 'blob') throw new HttpFailure(404, 'Not Found');
    const bytes = await gitBuffer(repo.gitDir, ['cat-file', 'blob', sha]);
    return {
      status: 200,
      body: {
        sha,
        node_id: `B_${sha}`,
        size: bytes.length,
        url: api(repo, `/git/blobs/${sha}`),
        content: bytes.toString('base64'),
        encoding: 'base64',
      },
    };
  });

  core.repoRoute('POST', '/repos/{owner}/{repo}/git/trees', 'push', async (ctx, repo) => {
    const body = bodyObject(ctx.body);
    const baseTree = optionalString(body.base_tree);
    const entries: Array<{ path: string; mode: string; sha: string | null }> = [];
    for (const item of Array.isArray(body.tree) ? body.tree : []) {
      const entry = bodyObject(item);
      const path = optionalString(entry.path) ?? '';
      const mode = optionalString(entry.mode) ?? '100644';
      if (entry.type !== 'blob' || path === '' || path.startsWith('/') || path.split('/').includes('..')) {
        throw new HttpFailure(422, 'GitRPC::BadObjectState', [{ resource: 'Tree', field: 'tree', code: 'invalid' }]);
      }
      const content = optionalString(entry.content);
      let sha = entry.sha === null ? null : optionalString(entry.sha);
      if (content !== undefined) sha = await git(repo.gitDir, ['hash-object', '-w', '--stdin'], { input: content });
      if (sha === undefined) throw new HttpFailure(422, 'Must supply either tree.sha or tree.content');
      entries.push({ path, mode, sha });
    }
    const blobs = entries.flatMap((entry) => (entry.sha === null ? [] : [entry.sha]));
    const types = await core.objectTypes(repo, baseTree === undefined ? blobs : [baseTree, ...blobs]);
    if (baseTree !== undefined && types.get(baseTree) !== 'tree')
      throw new HttpFailure(422, 'base_tree is not a valid tree oid');
    const notBlob = blobs.find((sha) => types.get(sha) !== 'blob');
    if (notBlob) throw new HttpFailure(422, `tree.sha ${notBlob} is not a valid blob`);
    const sha = await core.withTempIndex((indexFile) => buildTree(repo.gitDir, indexFile, baseTree, entries));
    return { status: 201, body: await treeJson(repo, sha, false) };
  });

  core.repoRoute('GET', '/repos/{owner}/{repo}/git/trees/{tree_sha}', 'public', async (ctx, repo) => {
    const requested = ctx.params.tree_sha ?? '';
    const named = /^[0-9a-f]{40}$/.test(requested) ? requested : await core.refSha(repo, `refs/heads/${requested}`);
    const sha = named
      ? await git(repo.gitDir, ['rev-parse', '--verify', '--quiet', `${named}^{tree}`]).catch(() => '')
      : '';
    if (sha === '') throw new HttpFailure(404, 'Not Found');
    return { status: 200, body: await treeJson(repo, sha, ctx.query.has('recursive')) };
  });

  core.repoRoute('POST', '/repos/{owner}/{repo}/git/commits', 'push', async (ctx, repo) => {
    const body = bodyObject(ctx.body);
    const tree = optionalString(body.tree) ?? '';
    const parents = (Array.isArray(body.parents) ? body.parents : []).map((parent) => optionalString(parent) ?? '');
    const types = await core.objectTypes(repo, [tree, ...parents]);
    if (types.get(tree) !== 'tree') throw new HttpFailure(422, 'Tree SHA does not exist');
    if (parents.some((parent) => types.get(parent) !== 'commit')) {
      throw new HttpFailure(422, 'Parent SHA does not exist or is not a commit object');
    }
    const login = ctx.login ?? '';
    const user = core.user(login);
    const fallback = { name: user.name ?? login, email: `${user.id}+${login}@users.noreply.github.com` };
    const author: JsonObject = { ...fallback, ...bodyObject(body.author) };
    const committer: JsonObject = { ...fallback, ...bodyObject(body.committer ?? body.author) };
    const when = (date: Json | undefined): string =>
      `${Math.floor((typeof date === 'string' ? Date.parse(date) : Date.now()) / 1000)} +0000`;
    const sha = await git(
      repo.gitDir,
      ['commit-tree', tree, ...parents.flatMap((parent) => ['-p', parent]), '-F', '-'],
      {
        input: optionalString(body.message) ?? '',
        env: {
          GIT_AUTHOR_NAME: optionalString(author.name) ?? '',
          GIT_AUTHOR_EMAIL: optionalString(author.email) ?? '',
          GIT_AUTHOR_DATE: when(author.date),
          GIT_COMMITTER_NAME: optionalString(committer.name) ?? '',
          GIT_COMMITTER_EMAIL: optionalString(committer.email) ?? '',
          GIT_COMMITTER_DATE: when(committer.date),
        },
      },
    );
    return { status: 201, body: await commitJson(repo, sha) };
  });

  core.repoRoute('GET', '/repos/{owner}/{repo}/git/commits/{commit_sha}', 'public', async (ctx, repo) => {
    const sha = ctx.params.commit_sha ?? '';
    if ((await core.objectType(repo, sha)) !== 'commit') throw new HttpFailure(404, 'Not Found');
    return { status: 200, body: await commitJson(repo, sha) };
  });

  core.repoRoute('GET', '/repos/{owner}/{repo}/git/ref/{ref}', 'public', async (ctx, repo) => {
    const fullRef = `refs/${ctx.params.ref ?? ''}`;
    const found = validRef(fullRef) ? await core.refInfo(repo, fullRef) : undefined;
    if (!found) throw new HttpFailure(404, 'Not Found');
    return { status: 200, body: refJson(repo, fullRef, found.sha, found.type) };
  });

  core.repoRoute('GET', '/repos/{owner}/{repo}/git/matching-refs/{ref}', 'public', async (ctx, repo) => {
    const prefix = `refs/${ctx.params.ref ?? ''}`;
    const listing = await git(repo.gitDir, [
      'for-each-ref',
      '--format=%(objectname) %(objecttype) %(refname)',
      'refs/',
    ]);
    const refs: Json[] = [];
    for (const line of listing.split('\n')) {
      const [sha = '', type = '', name = ''] = line.split(' ');
      if (name.startsWith(prefix)) refs.push(refJson(repo, name, sha, type));
    }
    return { status: 200, body: refs };
  });

  core.repoRoute('POST', '/repos/{owner}/{repo}/git/refs', 'push', async (ctx, repo) => {
    const body = bodyObject(ctx.body);
    const fullRef = optionalString(body.ref) ?? '';
    const sha = optionalString(body.sha) ?? '';
    if (!fullRef.startsWith('refs/') || fullRef.split('/').length < 3 || !validRef(fullRef)) {
      throw new HttpFailure(422, "Reference name must start with 'refs/' and have at least two slashes.");
    }
    const type = await core.objectType(repo, sha);
    if (!type) throw new HttpFailure(422, 'Object does not exist');
    if (await core.refSha(repo, fullRef)) throw new HttpFailure(422, 'Reference already exists');
    await git(repo.gitDir, ['update-ref', fullRef, sha, '0'.repeat(40)]);
    repo.pushedAt = timestamp();
    return { status: 201, body: refJson(repo, fullRef, sha, type) };
  });

  core.repoRoute('PATCH', '/repos/{owner}/{repo}/git/refs/{ref}', 'push', async (ctx, repo) => {
    const body = bodyObject(ctx.body);
    const fullRef = `refs/${ctx.params.ref ?? ''}`;
    const sha = optionalString(body.sha) ?? '';
    const current = validRef(fullRef) ? await core.refSha(repo, fullRef) : undefined;
    if (!current) throw new HttpFailure(422, 'Reference does not exist');
    const type = await core.objectType(repo, sha);
    if (!type) throw new HttpFailure(422, 'Object does not exist');
    if (body.force !== true && !(await core.isAncestor(repo.gitDir, current, sha))) {
      throw new HttpFailure(422, 'Update is not a fast forward');
    }
    await git(repo.gitDir, ['update-ref', fullRef, sha, current]);
    repo.pushedAt = timestamp();
    return { status: 200, body: refJson(repo, fullRef, sha, type) };
  });

  core.repoRoute('GET', '/repos/{owner}/{repo}/contents/{path}', 'public', async (ctx, repo) => {
    const path = (ctx.params.path ?? '').replace(/\/+$/, '');
    const ref = ctx.query.get('ref') ?? repo.defaultBranch;
    const listing = await git(repo.gitDir, ['ls-tree', '-l', ref, '--', path]).catch(() => '');
    const [meta = '', foundPath = ''] = listing.split('\t');
    const [, type = '', sha = '', size = '0'] = meta.split(/\s+/);
    if (foundPath !== path) throw new HttpFailure(404, 'Not Found');
    const entry = (entryType: string, entrySha: string, entryPath: string, entrySize: number): JsonObject => {
      const self = `${api(repo, `/contents/${entryPath}`)}?ref=${encodeURIComponent(ref)}`;
      const gitUrl = api(repo, `/git/${entryType === 'dir' ? 'trees' : 'blobs'}/${entrySha}`);
      const html = `${core.urls.web}/${repo.fullName}/${entryType === 'dir' ? 'tree' : 'blob'}/${ref}/${entryPath}`;
      return {
        type: entryType,
        size: entrySize,
        name: entryPath.split('/').pop() ?? entryPath,
        path: entryPath,
        sha: entrySha,
        url: self,
        git_url: gitUrl,
        html_url: html,
        download_url: entryType === 'dir' ? null : `${core.urls.web}/raw/${repo.fullName}/${ref}/${entryPath}`,
        _links: { self, git: gitUrl, html },
      };
    };
    if (type === 'blob') {
      const content = (await gitBuffer(repo.gitDir, ['cat-file', 'blob', sha])).toString('base64');
      const wrapped = content.replace(/(.{60})/g, '$1\n');
      return { status: 200, body: { ...entry('file', sha, path, Number(size)), content: wrapped, encoding: 'base64' } };
    }
    const children = await git(repo.gitDir, ['ls-tree', '-l', `${ref}:${path}`]);
    const items: Json[] = children
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const [childMeta = '', name = ''] = line.split('\t');
        const [, childType = '', childSha = '', childSize = '-'] = childMeta.split(/\s+/);
        const size = childSize === '-' ? 0 : Number(childSize);
        return entry(childType === 'tree' ? 'dir' : 'file', childSha, `${path}/${name}`, size);
      });
    return { status: 200, body: items };
  });
}

/** `git check-ref-format` rules (shared with the production code, which is tested against git). */
function validRef(fullRef: string): boolean {
  return fullRef.startsWith('refs/') && isValidBranchName(fullRef.slice('refs/'.length));
}
