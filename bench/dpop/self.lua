-- GET /api/v1/tokens/self, each request with the next of the proofs made ahead (bench/dpop.sh); the threads take
-- every other one, so no proof is sent twice unless the file runs out (then the server refuses the replays, and wrk
-- counts them as non-2xx). With no proof file, the token is sent as Bearer through the same script, so that both
-- are driven alike.
-- Arguments (after --): token-file [proof-file]
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local file = io.open(args[1])
  token = file:read("*l")
  file:close()
  proofs = {}
  if args[2] then
    for line in io.lines(args[2]) do
      proofs[#proofs + 1] = line
    end
  end
  index = id
  stride = 2
end

function request()
  if #proofs == 0 then
    return wrk.format("GET", "/api/v1/tokens/self", {["Authorization"] = "Bearer " .. token})
  end
  local proof = proofs[(index % #proofs) + 1]
  index = index + stride
  return wrk.format("GET", "/api/v1/tokens/self", {["Authorization"] = "DPoP " .. token, ["DPoP"] = proof})
end
