// Commands the client runs through workspace/executeCommand. They return data; the client does
// any writing (with the user's consent), so the server never writes note files itself.

import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintResult, Member } from '../../engine/index.js';
import { exportMemberNotes } from '../../engine/editor/export.js';
import { buildGroupNoteTemplate, rosterFromNote } from '../../engine/editor/template.js';

export const COMMANDS = ['groupnoteLint.server.exportMemberNotes', 'groupnoteLint.server.templateFromNote'] as const;

interface CommandContext {
  documents: TextDocuments<TextDocument>;
  lint: (document: TextDocument) => LintResult | null;
  memberLabel: (member: Member) => string;
}

export function runCommand(command: string, args: unknown[], context: CommandContext): unknown {
  const uri = typeof args[0] === 'string' ? args[0] : null;
  const document = uri ? context.documents.get(uri) : undefined;
  switch (command) {
    case 'groupnoteLint.server.exportMemberNotes': {
      // [uri] -> one chart note per present member, with any other member's identifiers left in it
      if (!document) return null;
      return exportMemberNotes(document.getText());
    }
    case 'groupnoteLint.server.templateFromNote': {
      // [uri?, date] -> a new note for the same group (roster, facilitator, times) on that date
      const date = typeof args[1] === 'string' ? args[1] : new Date().toISOString().slice(0, 10);
      const roster = document ? rosterFromNote(document.getText()) : null;
      return buildGroupNoteTemplate({ ...(roster ?? { members: [] }), date });
    }
    default:
      return null;
  }
}
