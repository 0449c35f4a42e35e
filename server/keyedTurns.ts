// Turns per key, as a readers-writer lock: work that shares a key runs side by side, work that must be alone with
// it waits for what started before and holds back what starts after, in the order they came.

type Work<T> = () => Promise<T>;

interface Lane {
  /** Settles when the last work that must be alone has ended: shared work waits only for it. */
  lastAlone: Promise<void>;
  /** Settles when everything started so far has ended: work that must be alone waits for all of it. */
  everything: Promise<void>;
  /** Work started and not yet ended: the lane is let go at zero. */
  running: number;
}

const ended = (): void => undefined;

export class KeyedTurns {
  private readonly lanes = new Map<string, Lane>();

  /** Runs `work` in its turn for `key`: alone, or beside other shared work of that key. */
  run<T>(key: string, alone: boolean, work: Work<T>): Promise<T> {
    const lane = this.lanes.get(key) ?? this.newLane(key);
    const done = (alone ? lane.everything : lane.lastAlone).then(work);
    const settled = done.then(ended, ended);
    lane.running++;
    if (alone) lane.lastAlone = lane.everything = settled;
    else lane.everything = Promise.all([lane.everything, settled]).then(ended);
    void settled.then(() => {
      if (--lane.running === 0 && this.lanes.get(key) === lane) this.lanes.delete(key);
    });
    return done;
  }

  /** Keys with work waiting or running (for tests). */
  get busyKeys(): number {
    return this.lanes.size;
  }

  private newLane(key: string): Lane {
    const lane = { lastAlone: Promise.resolve(), everything: Promise.resolve(), running: 0 };
    this.lanes.set(key, lane);
    return lane;
  }
}
