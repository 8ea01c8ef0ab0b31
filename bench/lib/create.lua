-- W1: one new user per request, with an email unique across threads and runs.
dofile("bench/lib/headers.lua")
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("tid", threads)
end
local counter = 0
local run = os.time()
request = function()
    counter = counter + 1
    local body = string.format('{"first_name": "Bench", "last_name": "Skapad", "email": "w1.%d.%d.%d@bench.se",'
        .. ' "detail_access": 1}', run, tid or 0, counter)
    return wrk.format("POST", nil, nil, body)
end
