-- W2: PATCH of existing users, spread over many ids so that writers rarely wait on one row's lock.
dofile("bench/lib/headers.lua")
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("tid", threads)
end
local ids = {}
for line in io.lines(os.getenv("IDS_FILE")) do
    ids[#ids + 1] = line
end
local counter = 0
request = function()
    counter = counter + 1
    local id = ids[((counter * 7 + (tid or 0) * 1000) % #ids) + 1]
    local path = "/accounts/users/organization/organizationuser/" .. id .. "/"
    return wrk.format("PATCH", path, nil, string.format('{"custom_id": "bench-%d"}', counter))
end
