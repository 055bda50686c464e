import { fileNamePattern } from './rules/file-name';

/**
 * The file names of one corpus, indexed by sequence number and id, so the uniqueness check of one file
 * costs a lookup rather than a scan of the whole corpus.
 */
export class CorpusFileIndex {
  private readonly bySequence = new Map<number, Set<string>>();
  private readonly byId = new Map<string, Set<string>>();

  constructor(names: Iterable<string> = []) {
    for (const name of names) this.add(name);
  }

  add(name: string): void {
    const match = fileNamePattern.exec(name);
    if (!match) return;
    addTo(this.bySequence, Number(match[1]), name);
    addTo(this.byId, match[2], name);
  }

  delete(name: string): void {
    const match = fileNamePattern.exec(name);
    if (!match) return;
    this.bySequence.get(Number(match[1]))?.delete(name);
    this.byId.get(match[2])?.delete(name);
  }

  /** Other files with the same sequence number. */
  sameSequence(name: string): string[] {
    const match = fileNamePattern.exec(name);
    return match ? others(this.bySequence.get(Number(match[1])), name) : [];
  }

  /** Every indexed name (those in the naming scheme), sorted. */
  names(): string[] {
    return [...this.byId.values()].flatMap((set) => [...set]).sort();
  }

  /** Other files with the same id. */
  sameId(name: string): string[] {
    const match = fileNamePattern.exec(name);
    return match ? others(this.byId.get(match[2]), name) : [];
  }
}

function addTo<K>(map: Map<K, Set<string>>, key: K, name: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(name);
}

function others(set: Set<string> | undefined, name: string): string[] {
  return set ? [...set].filter((n) => n !== name).sort() : [];
}
