-- Drives the groupnote-lint language server from Neovim 0.7 (Debian's), headless:
--   nvim --headless -u NONE -i NONE -n -c 'luafile test/e2e/nvim-lsp.lua'
-- Environment: GROUPNOTE_NODE (node binary), GROUPNOTE_SERVER (dist/server.js), GROUPNOTE_NOTE (a
-- copy of a sample note, edited and saved in place), GROUPNOTE_OUT (JSON result file),
-- GROUPNOTE_TIMEOUT_MS (per wait).
-- 0.7 has no vim.lsp.start (0.8): vim.lsp.start_client + vim.lsp.buf_attach_client.
-- The result holds rule ids, positions and fix titles only, never note text.

local node = os.getenv('GROUPNOTE_NODE')
local server = os.getenv('GROUPNOTE_SERVER')
local note = os.getenv('GROUPNOTE_NOTE')
local out = os.getenv('GROUPNOTE_OUT')
local timeout = tonumber(os.getenv('GROUPNOTE_TIMEOUT_MS') or '20000')

local result = { nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) }

local function summary(diagnostics)
  local list = {}
  for _, d in ipairs(diagnostics) do
    table.insert(list, { code = d.code, source = d.source, severity = d.severity, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col })
  end
  table.sort(list, function(a, b)
    if a.lnum ~= b.lnum then return a.lnum < b.lnum end
    if a.col ~= b.col then return a.col < b.col end
    return tostring(a.code) < tostring(b.code)
  end)
  return list
end

local function has_code(diagnostics, code)
  for _, d in ipairs(diagnostics) do
    if d.code == code then return true end
  end
  return false
end

local function finish()
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.lsp.stop_client(vim.lsp.get_active_clients())
  vim.cmd('qa!')
end

local function main()
  vim.cmd('edit ' .. vim.fn.fnameescape(note))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'markdown'

  local client_id = vim.lsp.start_client({
    name = 'groupnote-lint',
    cmd = { node, server, '--stdio' },
    root_dir = vim.fn.fnamemodify(note, ':h'),
    on_exit = function(code, signal)
      result.server_exit = { code = code, signal = signal }
    end,
  })
  if not client_id then error('vim.lsp.start_client failed') end
  if not vim.lsp.buf_attach_client(bufnr, client_id) then error('vim.lsp.buf_attach_client failed') end

  -- 1. diagnostics pushed for the opened note
  if not vim.wait(timeout, function() return #vim.diagnostic.get(bufnr) > 0 end, 20) then
    error('no diagnostics within ' .. timeout .. ' ms')
  end
  local initial = vim.diagnostic.get(bufnr)
  result.initial = summary(initial)
  result.server_name = vim.lsp.get_client_by_id(client_id).name

  -- 2. the quick fix for the first other-member-identifier finding, applied as Neovim does
  local leak
  for _, d in ipairs(initial) do
    if d.code == 'other-member-identifier' and (not leak or d.lnum < leak.lnum) then leak = d end
  end
  if not leak then error('no other-member-identifier diagnostic') end
  local lsp_diagnostic = {
    range = { start = { line = leak.lnum, character = leak.col }, ['end'] = { line = leak.end_lnum, character = leak.end_col } },
    severity = leak.severity,
    message = leak.message,
    source = leak.source,
    code = leak.code,
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = lsp_diagnostic.range,
    context = { diagnostics = { lsp_diagnostic } },
  }, timeout)
  local actions = (responses and responses[client_id] and responses[client_id].result) or {}
  result.fix_titles = {}
  local chosen
  for _, action in ipairs(actions) do
    table.insert(result.fix_titles, action.title)
    if action.title == 'Replace with "a peer"' then chosen = action end
  end
  if not chosen then error('no "Replace with a peer" code action') end
  vim.lsp.util.apply_workspace_edit(chosen.edit, vim.lsp.get_client_by_id(client_id).offset_encoding)

  -- 3. the server re-checks the edited buffer (incremental didChange) and the finding goes away
  local ok = vim.wait(timeout, function()
    local now = vim.diagnostic.get(bufnr)
    return #now > 0 and not has_code(now, 'other-member-identifier')
  end, 20)
  result.after_fix = summary(vim.diagnostic.get(bufnr))
  if not ok then error('other-member-identifier still reported after the fix') end
  vim.cmd('write')
  result.ok = true
end

local ok, err = xpcall(main, debug.traceback)
if not ok then result.error = tostring(err) end
finish()
