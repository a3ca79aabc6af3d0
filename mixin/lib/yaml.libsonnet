// A YAML writer for the rule files, in the style they were written by hand: plain scalars where
// YAML allows them, block scalars for multi-line PromQL, lists indented under their key, and keys
// in the order a reader expects (alert, expr, for, labels, annotations) instead of jsonnet's
// alphabetical one. std.manifestYamlDoc quotes every string and sorts every key.
local order = [
  'apiVersion',
  'kind',
  'metadata',
  'spec',
  'name',
  'interval',
  'alert',
  'record',
  'expr',
  'for',
  'labels',
  'annotations',
  'severity',
  'detector',
  'summary',
  'description',
  'runbook_url',
  'dashboard_url',
];
local rank(k) =
  local i = std.find(k, order);
  if std.length(i) > 0 then '%03d' % i[0] else '999' + k;
local keys(o) = std.sort(std.objectFields(o), rank);

local special = ['-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`', ' '];
local reserved = ['true', 'false', 'null', 'yes', 'no', 'on', 'off', '~', 'True', 'False', 'Null', 'Yes', 'No', 'On', 'Off'];
local numeric(s) = std.length([c for c in std.stringChars(s) if std.member('0123456789.+-eE_', c)]) == std.length(s);
local plain(s) =
  s != ''
  && !std.member(special, s[0])
  && s[std.length(s) - 1] != ' '
  && s[std.length(s) - 1] != ':'
  && std.length(std.findSubstr(': ', s)) == 0
  && std.length(std.findSubstr(' #', s)) == 0
  && !std.member(reserved, s)
  && !numeric(s);

local scalar(v, indent) =
  if std.isString(v) && std.length(std.findSubstr('\n', v)) > 0 then
    local body = if std.endsWith(v, '\n') then std.substr(v, 0, std.length(v) - 1) else v;
    (if std.endsWith(v, '\n') then '|' else '|-')
    + std.join('', ['\n' + (if l == '' then '' else indent + '  ' + l) for l in std.split(body, '\n')])
  else if std.isString(v) then
    if plain(v) then v else std.escapeStringJson(v)
  else std.toString(v);

local value(v, indent) =
  if std.isObject(v) then
    if std.length(v) == 0 then ' {}'
    else std.join('', ['\n' + indent + '  ' + k + ':' + value(v[k], indent + '  ') for k in keys(v)])
  else if std.isArray(v) then
    if std.length(v) == 0 then ' []'
    else std.join('', ['\n' + indent + '  -' + item(e, indent + '    ') for e in v])
  else ' ' + scalar(v, indent),

      // One list item: an object's first key shares the "- " line.
      item(e, indent) =
  if std.isObject(e) && std.length(e) > 0 then
    local ks = keys(e);
    ' ' + std.join('\n' + indent, [k + ':' + value(e[k], indent) for k in ks])
  else value(e, std.substr(indent, 0, std.length(indent) - 2));

{
  // A YAML document (no leading "---"), ending in a newline.
  manifest(doc):: std.join('\n', [k + ':' + value(doc[k], '') for k in keys(doc)]) + '\n',
}
