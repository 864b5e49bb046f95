-- Sets maverick.dev/retry to a new value: the time and the object's resourceVersion, so that every
-- click differs from the last one (the operator acts on each distinct value once).
obj.metadata.annotations = obj.metadata.annotations or {}
obj.metadata.annotations["maverick.dev/retry"] = os.date("!%Y-%m-%dT%H:%M:%SZ") .. "/" .. (obj.metadata.resourceVersion or "0")
return obj
