-- wrk: GET /api/tickets/{id} as an agent, over the ids listed one per line in IDS (a file). Set TOKEN and IDS.
local ids = {}

function init(args)
  for line in io.lines(os.getenv("IDS")) do ids[#ids + 1] = line end
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
end

function request()
  return wrk.format("GET", "/api/tickets/" .. ids[math.random(#ids)])
end
