// The workspace index of a large run, kept on disk: what lets one process check a folder of
// hundreds of thousands of notes with the cross-note rules whole, in bounded memory.
//
// Each note's summary (cli/cache-codec.ts encodeSummary, with its shingles, bands and disable
// comments: no note text, a plan's goals without their wording) is appended to a temporary file
// as the note is done, and only its place in that file, its order and its relation keys stay in
// memory. Every cross-note rule compares notes only through equal keys (members' keys and ids,
// patients matched to members' ids, keys and names: see relate() below), so the notes fall into
// groups that share no key with one another (union-find over the keys), and a note's cross-note
// findings are those the rules give over its group alone. At the end each group is read back,
// in the order the files were given, into a WorkspaceIndex of its own, checked, and dropped: the
// memory held is that of the largest group (a therapy group's sessions, its members' plans and
// individual notes), not of the folder. A folder where one key joins every note (the same
// placeholder id in every group) is one group, and costs what the in-memory index costs.
//
// The temporary file is removed when the run ends (and, where the system allows, unlinked as soon
// as it is opened, so that it goes away even if the process is killed).

import type { Severity } from '../engine/index.js';
import { directivesFromPortable, portableDirectives, type PortableDirectives } from '../engine/parse/disable-comments.js';
import { WorkspaceIndex, type IndexedNote, type WorkspaceFinding } from '../engine/workspace/index.js';
import type { NoteSummary } from '../engine/workspace/summary.js';
import { decodeSummary, encodeSummary } from './cache-codec.js';
import { grow, TempRecords } from './temp-records.js';

export class SpilledIndex {
  private readonly records = new TempRecords();
  private count = 0;
  /** per note, in the order added: its order in the run and its union-find parent */
  private orders = new Float64Array(1024);
  private parent = new Int32Array(1024);
  /** the first note with each member key or id */
  private readonly firstMember = new Map<string, number>();
  /** the first note about each patient (an individual note's patient, a plan's patient) */
  private readonly firstPatient = new Map<string, number>();
  /**
   * notes with a member of each name, while no note about a patient of that name has come: one
   * note as a number, more as a list (most names wait for ever in one group, where patients are
   * given by id: a list per name cost 14 MB at 1,000,000 notes, docs/performance.md)
   */
  private readonly waitingByName = new Map<string, number | number[]>();

  get size(): number {
    return this.count;
  }

  /** One note, with its place in the order the files were given. */
  add(entry: IndexedNote, order: number): void {
    const i = this.count++;
    this.orders = grow(this.orders, this.count);
    this.parent = grow(this.parent, this.count);
    this.parent[i] = i;
    this.orders[i] = order;
    this.relate(i, entry.summary);

    // the record: [JSON length][JSON][hashes], the JSON holding path, stamp, summary and disable comments
    const summary = entry.summary;
    let hashCount = 0;
    for (const m of summary.members) hashCount += m.shingles.length + m.bands.length;
    const hashes = new Uint32Array(hashCount);
    let at = 0;
    // a treatment plan's goals are kept as their numbers: the cross-note rules read no goal's wording
    const plan = summary.plan && { ...summary.plan, goals: summary.plan.goals.map((g) => ({ ...g, text: '' })) };
    const encoded = encodeSummary({ ...summary, plan }, (values) => {
      hashes.set(values, at);
      at += values.length;
      return [at - values.length, values.length];
    });
    const json = Buffer.from(JSON.stringify([entry.path, entry.stamp, encoded, entry.directives ? portableDirectives(entry.directives) : null]));
    const head = Buffer.allocUnsafe(4);
    head.writeUInt32LE(json.length);
    const tail = Buffer.from(hashes.buffer, hashes.byteOffset, hashes.byteLength);
    this.records.add(head, json, tail);
  }

  /**
   * Joins note `i` to the notes the cross-note rules may compare it with. The rules relate notes
   * only through equal keys (relationKeys in engine/workspace/index.ts), and more narrowly than
   * relationKeys says: notes with a member of the same key or id (member-note-cloned,
   * duplicate-billing), and a note about a patient (a plan, an individual note) with the notes of
   * a member whose id, key or name is that patient (treatment-plan, same-day-individual-overlap),
   * and with other notes about that patient (a later plan replaces an earlier one). Two group
   * notes with a member of the same name but other ids are not related: in a large folder, names
   * recur from group to group, and joining on them would make one group of most of the folder.
   */
  private relate(i: number, summary: NoteSummary): void {
    const join = (map: Map<string, number>, key: string, keep: boolean) => {
      const first = map.get(key);
      if (first !== undefined) this.union(first, i);
      else if (keep) map.set(key, i);
    };
    for (const m of summary.members) {
      for (const key of m.id !== null && m.id !== m.key ? [m.key, m.id] : [m.key]) {
        join(this.firstMember, key, true);
        join(this.firstPatient, key, false);
      }
      if (m.name !== null && m.name !== m.key && m.name !== m.id) {
        if (this.firstPatient.has(m.name)) join(this.firstPatient, m.name, false);
        else {
          const waiting = this.waitingByName.get(m.name);
          // a note already in the group of the last note waiting on this name would join the
          // same group when a note about that patient comes: it need not wait itself (a group's
          // sessions name the same members, so a name's list holds about one note per group)
          if (waiting === undefined) this.waitingByName.set(m.name, i);
          else if (typeof waiting === 'number') {
            if (this.find(waiting) !== this.find(i)) this.waitingByName.set(m.name, [waiting, i]);
          } else if (this.find(waiting[waiting.length - 1]) !== this.find(i)) waiting.push(i);
        }
      }
    }
    for (const patient of [summary.patient, summary.plan?.patient ?? null]) {
      if (patient === null) continue;
      join(this.firstPatient, patient, true);
      join(this.firstMember, patient, false);
      const waiting = this.waitingByName.get(patient);
      if (waiting !== undefined) {
        for (const other of typeof waiting === 'number' ? [waiting] : waiting) this.union(other, i);
        this.waitingByName.delete(patient);
      }
    }
  }

  private find(i: number): number {
    const parent = this.parent;
    let root = i;
    while (parent[root] !== root) root = parent[root];
    while (parent[i] !== root) {
      const next = parent[i];
      parent[i] = root;
      i = next;
    }
    return root;
  }

  private union(a: number, b: number): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    // the group's root is its earliest note
    if (ra < rb) this.parent[rb] = ra;
    else if (rb < ra) this.parent[ra] = rb;
  }

  private read(i: number, index: WorkspaceIndex): IndexedNote {
    const bytes = this.records.read(i);
    const jsonLength = bytes.readUInt32LE(0);
    const [path, stamp, encoded, directives] = JSON.parse(bytes.toString('utf8', 4, 4 + jsonLength)) as [string, string, unknown, PortableDirectives | null];
    const hashBytes = bytes.subarray(4 + jsonLength);
    const hashes = new Uint32Array(hashBytes.buffer.slice(hashBytes.byteOffset, hashBytes.byteOffset + hashBytes.length));
    const summary = decodeSummary(encoded, hashes, index.sharedPosition);
    if (!summary) throw new Error('the index file is damaged');
    return { path, stamp, summary, directives: directives ? directivesFromPortable(directives) : null };
  }

  /**
   * Runs the cross-note rules group by group; `each` gets a note's cross-note findings (sorted, as
   * WorkspaceIndex.crossNoteFindings gives them), for every note that has any.
   */
  crossNoteFindings(
    severity: (path: string, ruleId: string, defaultSeverity: Severity) => Severity | 'off',
    each: (path: string, findings: WorkspaceFinding[], order: number) => void,
  ): void {
    const n = this.count;
    // groups numbered by their first note; their notes listed group after group, each in the order added
    const group = new Int32Array(n);
    const sizes: number[] = [];
    const groupOfRoot = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      const root = this.find(i);
      if (groupOfRoot[root] === -1) {
        groupOfRoot[root] = sizes.length;
        sizes.push(0);
      }
      group[i] = groupOfRoot[root];
      sizes[group[i]]++;
    }
    const starts = new Int32Array(sizes.length + 1);
    for (let g = 0; g < sizes.length; g++) starts[g + 1] = starts[g] + sizes[g];
    const next = starts.slice(0, sizes.length);
    const members = new Int32Array(n);
    for (let i = 0; i < n; i++) members[next[group[i]]++] = i;

    for (let g = 0; g < sizes.length; g++) {
      const notes = Array.from(members.subarray(starts[g], starts[g + 1]));
      // the order one run over all the files reads them in (stable: notes of one order keep the order added)
      notes.sort((a, b) => this.orders[a] - this.orders[b] || a - b);
      const index = new WorkspaceIndex();
      const orderOf = new Map<string, number>();
      for (const i of notes) {
        const entry = this.read(i, index);
        index.restore(entry, { positionsShared: true });
        orderOf.set(entry.path, this.orders[i]);
      }
      for (const [path, list] of index.crossNoteFindings({ severity })) each(path, list, orderOf.get(path)!);
    }
  }

  /** Closes and removes the temporary file. */
  close(): void {
    this.records.close();
  }
}
