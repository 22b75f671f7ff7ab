// Following approved peers: each one's networks and locations feeds are pulled on a schedule, page after page from
// where the last pull stopped, every item validated before it is stored. A peer that fails is tried again later
// (doubling up to an hour) and its health says so; one not reached for FEDERATION_STALE_AFTER_HOURS has its listings
// marked stale, never deleted silently. Whatever a peer sends costs at most a logged error: nothing here throws out.
import type { Logger } from '../shared/logging/logger.ts';
import { OutboundError, type OutboundClient } from './outbound-client.ts';
import { pageSchema } from './follow.schemas.ts';
import { readPeerKeys } from './peer-descriptor.ts';
import { signedFetch } from './peer-client.ts';
import { PeerModel, type Peer } from './peer.model.ts';
import { applyLocationItem, applyNetworkItem, markStale, type ItemOutcome } from './remote-records.ts';

/** The kinds followed, in order: a location names its network, so networks come first. */
const FOLLOWED = [
  { kind: 'networks', apply: applyNetworkItem },
  { kind: 'locations', apply: applyLocationItem },
] as const;

const PAGE_MAX_BYTES = 5 * 1024 * 1024;
/** Pages read per kind and pull: a long backfill goes on at the next pull, so one peer cannot hold the follower. */
const MAX_PAGES_PER_PULL = 50;
const MAX_BACKOFF_MS = 60 * 60 * 1000;
const TICK_MS = 1000;
/** A peer's JWKS is read again this often, so its key rotations reach us (its newest two keys are published). */
const KEYS_REFRESH_MS = 60 * 60 * 1000;

export interface FollowerOptions {
  client: OutboundClient;
  logger: Logger;
  pollMs: number;
  staleAfterMs: number;
}

class PullFailure extends Error {
  readonly code: string;
  constructor(code: string) {
    super(code);
    this.code = code;
  }
}

export class PeerFollower {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly options: FollowerOptions;

  constructor(options: FollowerOptions) {
    this.options = options;
  }

  start(): void {
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Pulls every approved peer that is due (all of them with `force`), now; for tests and the admin. */
  async pullDue(force = false): Promise<void> {
    await this.running;
    this.running = this.round(force).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.pullDue()
        .catch((error: unknown) => this.options.logger.error({ err: error }, 'peer following failed'))
        .finally(() => this.schedule());
    }, TICK_MS);
    this.timer.unref();
  }

  private async round(force: boolean): Promise<void> {
    const now = Date.now();
    const peers = await PeerModel.find({ status: 'approved' }).lean<Peer[]>();
    for (const peer of peers) {
      if (this.stopped) return;
      const due = peer.health?.nextPullAt ? peer.health.nextPullAt.getTime() <= now : true;
      if (force || due) await this.pull(peer);
    }
  }

  /** One pull of one peer; its outcome goes to the peer's health, never out of here. */
  async pull(peer: Peer): Promise<void> {
    const log = this.options.logger.child({ peer: peer.baseUrl });
    const counts: Partial<Record<ItemOutcome, number>> = {};
    try {
      await this.refreshKeys(peer, log);
      const approvesUs = await this.approvesUs(peer);
      const cursors: Record<string, string> = { ...peer.cursors };
      for (const { kind, apply } of FOLLOWED) {
        const feed = peer.feeds?.[kind];
        if (!feed) continue;
        cursors[kind] = await this.follow(peer, kind, cursors[kind] ?? `${feed}?afterChangeNumber=0`, apply, counts);
        await PeerModel.updateOne({ _id: peer._id }, { $set: { [`cursors.${kind}`]: cursors[kind] } });
      }
      const now = new Date();
      await PeerModel.updateOne(
        { _id: peer._id },
        {
          $set: {
            approvesUs,
            'health.state': 'ok',
            'health.lastSuccessAt': now,
            'health.failures': 0,
            'health.nextPullAt': new Date(now.getTime() + this.options.pollMs),
          },
        },
      );
      if (peer.health?.state === 'stale') await markStale(peer._id.toString(), undefined);
      if (counts.invalid || counts['foreign-origin']) log.warn({ counts }, 'peer sent items that were refused');
      else log.debug({ counts }, 'peer pulled');
    } catch (error) {
      await this.failed(peer, error, log);
    }
  }

  /** Reads the peer's keys again when the copy is old; a failure keeps the old copy (checked at the next pull). */
  private async refreshKeys(peer: Peer, log: Logger): Promise<void> {
    if (peer.keysReadAt && Date.now() - peer.keysReadAt.getTime() < KEYS_REFRESH_MS) return;
    try {
      const keys = await readPeerKeys(this.options.client, peer.jwksUrl);
      await PeerModel.updateOne({ _id: peer._id }, { $set: { keys, keysReadAt: new Date() } });
    } catch (error) {
      log.warn({ err: error }, 'peer keys not refreshed');
    }
  }

  /** Whether the peer answers our signed hello: it approved us too. */
  private async approvesUs(peer: Peer): Promise<boolean> {
    try {
      const answer = await signedFetch(this.options.client, `${peer.baseUrl}/federation/v1/hello`);
      return answer.status === 200;
    } catch {
      return false;
    }
  }

  /** Reads pages from `url` until the last one (whose `next` is itself); answers where to go on from. */
  private async follow(
    peer: Peer,
    kind: string,
    start: string,
    apply: (peer: Peer, item: { state: 'updated' | 'deleted'; id: string; data?: unknown }) => Promise<ItemOutcome>,
    counts: Partial<Record<ItemOutcome, number>>,
  ): Promise<string> {
    const feed = peer.feeds[kind]!;
    let url = start;
    for (let pages = 0; pages < MAX_PAGES_PER_PULL; pages++) {
      let answer;
      try {
        answer = await this.options.client.fetch(url, {
          headers: { accept: 'application/json' },
          maxBytes: PAGE_MAX_BYTES,
        });
      } catch (error) {
        throw new PullFailure(error instanceof OutboundError ? error.failure : 'network');
      }
      if (answer.status !== 200) throw new PullFailure(`status-${answer.status}`);
      let json: unknown;
      try {
        json = answer.json();
      } catch {
        throw new PullFailure('invalid-json');
      }
      const parsed = pageSchema.safeParse(json);
      if (!parsed.success) throw new PullFailure('invalid-page');
      const page = parsed.data;
      // The next page must be of the same feed: a peer cannot send us elsewhere.
      if (!page.next.startsWith(`${feed}?`)) throw new PullFailure('invalid-next');
      for (const item of page.items) {
        const outcome = await apply(peer, item).catch((error: unknown) => {
          this.options.logger.warn({ err: error, peer: peer.baseUrl, id: item.id }, 'peer item not stored');
          return 'invalid' as const;
        });
        counts[outcome] = (counts[outcome] ?? 0) + 1;
      }
      if (page.next === url || page.items.length === 0) return page.next;
      url = page.next;
    }
    return url;
  }

  private async failed(peer: Peer, error: unknown, log: Logger): Promise<void> {
    const code = error instanceof PullFailure ? error.code : 'internal';
    const failures = (peer.health?.failures ?? 0) + 1;
    const now = Date.now();
    const lastSuccess = peer.health?.lastSuccessAt?.getTime() ?? peer.decidedAt?.getTime() ?? now;
    const stale = now - lastSuccess >= this.options.staleAfterMs;
    const backoff = Math.min(this.options.pollMs * 2 ** Math.min(failures, 20), MAX_BACKOFF_MS);
    log.warn({ code, failures, err: error instanceof PullFailure ? undefined : error }, 'peer pull failed');
    try {
      await PeerModel.updateOne(
        { _id: peer._id },
        {
          $set: {
            'health.state': stale ? 'stale' : 'failing',
            'health.lastErrorAt': new Date(now),
            'health.lastError': code,
            'health.failures': failures,
            'health.nextPullAt': new Date(now + backoff),
          },
        },
      );
      if (stale && peer.health?.state !== 'stale') await markStale(peer._id.toString(), new Date(lastSuccess));
    } catch (writeError) {
      log.error({ err: writeError }, 'peer health not recorded');
    }
  }
}
