-- customer_metrics.inputs: from positional tuples ({states: [[t, mrr, counted 0/1, subscriptions, quantity]],
-- fx: [[t, amount, subscription]], cash: [[t, kind p/r/f, amount, nonRecurring]]}) to the engine's
-- SeriesInputsRow, one named array per column (shared/engine/series-inputs.ts). Same values, converted in place.
UPDATE "customer_metrics" SET "inputs" = jsonb_build_object(
  'states', jsonb_build_object(
    'at', COALESCE((SELECT jsonb_agg(x.v -> 0 ORDER BY x.i) FROM jsonb_array_elements("inputs" -> 'states') WITH ORDINALITY AS x(v, i)), '[]'::jsonb),
    'mrr', COALESCE((SELECT jsonb_agg(x.v -> 1 ORDER BY x.i) FROM jsonb_array_elements("inputs" -> 'states') WITH ORDINALITY AS x(v, i)), '[]'::jsonb),
    'counted', COALESCE((SELECT jsonb_agg(to_jsonb((x.v ->> 2)::numeric = 1) ORDER BY x.i) FROM jsonb_array_elements("inputs" -> 'states') WITH ORDINALITY AS x(v, i)), '[]'::jsonb),
    'subscriptions', COALESCE((SELECT jsonb_agg(x.v -> 3 ORDER BY x.i) FROM jsonb_array_elements("inputs" -> 'states') WITH ORDINALITY AS x(v, i)), '[]'::jsonb),
    'quantity', COALESCE((SELECT jsonb_agg(x.v -> 4 ORDER BY x.i) FROM jsonb_array_elements("inputs" -> 'states') WITH ORDINALITY AS x(v, i)), '[]'::jsonb)
  ),
  'fx', jsonb_build_object(
    'at', COALESCE((SELECT jsonb_agg(x.v -> 0 ORDER BY x.i) FROM jsonb_array_elements("inputs" -> 'fx') WITH ORDINALITY AS x(v, i)), '[]'::jsonb),
    'subscription_external_id', COALESCE((SELECT jsonb_agg(x.v -> 2 ORDER BY x.i) FROM jsonb_array_elements("inputs" -> 'fx') WITH ORDINALITY AS x(v, i)), '[]'::jsonb),
    'amount', COALESCE((SELECT jsonb_agg(x.v -> 1 ORDER BY x.i) FROM jsonb_array_elements("inputs" -> 'fx') WITH ORDINALITY AS x(v, i)), '[]'::jsonb)
  ),
  'cash', jsonb_build_object(
    'at', COALESCE((SELECT jsonb_agg(x.v -> 0 ORDER BY x.i) FROM jsonb_array_elements("inputs" -> 'cash') WITH ORDINALITY AS x(v, i)), '[]'::jsonb),
    'kind', COALESCE((SELECT jsonb_agg(to_jsonb(CASE x.v ->> 1 WHEN 'p' THEN 'payment' WHEN 'r' THEN 'refund' ELSE 'failed' END) ORDER BY x.i)
                        FROM jsonb_array_elements("inputs" -> 'cash') WITH ORDINALITY AS x(v, i)), '[]'::jsonb),
    'amount', COALESCE((SELECT jsonb_agg(x.v -> 2 ORDER BY x.i) FROM jsonb_array_elements("inputs" -> 'cash') WITH ORDINALITY AS x(v, i)), '[]'::jsonb),
    'non_recurring', COALESCE((SELECT jsonb_agg(x.v -> 3 ORDER BY x.i) FROM jsonb_array_elements("inputs" -> 'cash') WITH ORDINALITY AS x(v, i)), '[]'::jsonb)
  )
)
WHERE jsonb_typeof("inputs" -> 'states') = 'array';
