-- mix.lua - wrk walks the request mix (TRACUU_REQUESTS: "SHAPE<TAB>TARGET"
-- lines), each wrk thread from its own starting point.
local targets = {}
for line in io.lines(os.getenv("TRACUU_REQUESTS")) do
  local target = line:match("\t(.*)$")
  if target then targets[#targets + 1] = target end
end
local counter = 0
setup = function(thread)
  thread:set("offset", counter * 7)
  counter = counter + 1
end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", targets[((i + (offset or 0)) % #targets) + 1])
end
