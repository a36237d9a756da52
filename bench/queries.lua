-- wrk script: every request is a search for one of the judged queries in turn
-- (the file named by CAMRA_BENCH_QUERIES, one URL-encoded query a line), with a
-- query string no one asked before, so every request runs its search and renders.
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  counter = 0
  -- Unique across runs too: a warm-up run must not leave its pages kept for the next.
  run = os.time()
  queries = {}
  for line in io.lines(os.getenv("CAMRA_BENCH_QUERIES")) do
    queries[#queries + 1] = line
  end
end

function request()
  counter = counter + 1
  local q = queries[(counter + id * 7) % #queries + 1]
  return wrk.format(nil, "/search?q=" .. q .. "&r=" .. run .. "-" .. id .. "-" .. counter)
end
