-- wrk script: every request asks for a URL no one asked before (?r=<thread>-<n>),
-- so the server renders each one instead of answering from its page cache.
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  counter = 0
  -- Unique across runs too: a warm-up run must not leave its pages kept for the next.
  run = os.time()
  separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
end

function request()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. separator .. "r=" .. run .. "-" .. id .. "-" .. counter)
end
