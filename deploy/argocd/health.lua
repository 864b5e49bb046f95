-- Argo CD health check for maverick.dev EmbeddingPipeline and RolloutPolicy.
-- Argo CD sets `obj` to the live object; the script returns {status, message}.
-- Reads the kstatus-style status the operator writes: observedGeneration (defaulted to -1 by the
-- CRDs, so a fresh object is never Healthy) and the Ready, Reconciling and Stalled conditions.
local hs = {}

local function findCondition(conditions, conditionType)
  if conditions == nil then
    return nil
  end
  for _, condition in ipairs(conditions) do
    if condition.type == conditionType then
      return condition
    end
  end
  return nil
end

local function messageOf(condition, fallback)
  if condition ~= nil and condition.message ~= nil and condition.message ~= "" then
    return condition.message
  end
  return fallback
end

local status = obj.status
local generation = (obj.metadata or {}).generation
if status == nil or status.observedGeneration == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe this object"
  return hs
end
if generation ~= nil and status.observedGeneration < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. tostring(math.floor(generation))
  return hs
end

local ready = findCondition(status.conditions, "Ready")
local reconciling = findCondition(status.conditions, "Reconciling")
local stalled = findCondition(status.conditions, "Stalled")

-- Stalled=True means a person must act: an invalid spec, or an automated or manual action's
-- override in force (phase RolledBack or Degraded by an action); kstatus then says Failed and
-- Ready is False, so every tool agrees. Missing metrics alone leave the pipeline Ready.
if (stalled ~= nil and stalled.status == "True") or status.phase == "Invalid" then
  hs.status = "Degraded"
  local message = messageOf(stalled, messageOf(ready, "The spec is invalid"))
  if status.phase == "RolledBack" then
    message = "Rolled back: " .. message
  end
  hs.message = message
  return hs
end
if obj.spec ~= nil and obj.spec.paused == true then
  hs.status = "Suspended"
  hs.message = "Paused: no stage advances and no automatic actions"
  return hs
end
if reconciling ~= nil and reconciling.status == "True" then
  hs.status = "Progressing"
  hs.message = messageOf(reconciling, "Reconciling")
  return hs
end
if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = messageOf(ready, "Ready")
  return hs
end
hs.status = "Progressing"
hs.message = messageOf(ready, "Waiting for the Ready condition")
return hs
