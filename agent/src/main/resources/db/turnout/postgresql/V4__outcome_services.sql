-- What a commit's deployment did to each service (JSON: [{service, result, detail}, …]), since
-- services deploy on their own tracks; NULL for outcomes that deployed no service and for those
-- an older Turnout recorded.
ALTER TABLE turnout_outcome ADD COLUMN services TEXT;
