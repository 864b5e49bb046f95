-- Argo CD resource actions for maverick.dev EmbeddingPipeline: the manual controls of the operator.
-- Argo CD runs this with `obj` set to the live object (base, table and a safe os library only).
-- Each action sets one annotation to a new value; the operator acts on each new value once.
local actions = {}
actions["rollback"] = {["iconClass"] = "fa fa-fw fa-undo", ["displayName"] = "Roll back to the stable revision"}
actions["retry"] = {["iconClass"] = "fa fa-fw fa-redo", ["displayName"] = "Retry the rollout (clear overrides)"}
actions["abort"] = {["iconClass"] = "fa fa-fw fa-stop-circle", ["displayName"] = "Abort (FullRollback and hold)"}
-- promote ends the current stage's pause, so it needs a stage in progress
local stage = (obj.status or {}).stage
local staging = stage ~= nil and stage.name ~= nil and stage.name ~= "Complete"
actions["promote"] = {["iconClass"] = "fa fa-fw fa-forward", ["displayName"] = "Promote (end the stage's pause)",
  ["disabled"] = not staging}
return actions
