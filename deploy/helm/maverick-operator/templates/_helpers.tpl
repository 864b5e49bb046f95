{{/* Chart name, truncated to the 63 characters a label value allows. */}}
{{- define "maverick-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects. */}}
{{- define "maverick-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "maverick-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "maverick-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "maverick-operator.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "maverick-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: maverick
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "maverick-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "maverick-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "maverick-operator.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
What the operator does to its custom resources and their children; nothing more (no wildcards).
Used by the ClusterRole (all namespaces) and by the Role in each watched namespace.
*/}}
{{- define "maverick-operator.rules" -}}
# Exactly what the operator calls (RbacMatchesApiCallsIT records it): informers list and watch,
# children are created, updated (and read back when adopted); only optional ones (HPAs, ecosystem
# children) are ever deleted; plus what admission plugins check on top of a call (finalizers below).
- apiGroups: ["maverick.dev"]
  resources: ["embeddingpipelines", "rolloutpolicies"]
  verbs: ["list", "watch"]
- apiGroups: ["maverick.dev"]
  resources: ["embeddingpipelines/status", "rolloutpolicies/status"]
  verbs: ["update"]
# Children carry ownerReferences with blockOwnerDeletion: true; the OwnerReferencesPermissionEnforcement
# admission plugin (OpenShift, hardened clusters) allows that only with update on the owner's finalizers.
- apiGroups: ["maverick.dev"]
  resources: ["embeddingpipelines/finalizers"]
  verbs: ["update"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "create", "update"]
- apiGroups: [""]
  resources: ["services", "configmaps"]
  verbs: ["get", "list", "watch", "create", "update"]
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", "create", "update"]
# Children a spec field turns on and off (docs/ecosystem.md): deleted when the field goes. KEDA,
# Prometheus Operator and OpenFeature kinds are watched only on clusters that serve their APIs.
- apiGroups: ["networking.k8s.io"]
  resources: ["ingresses", "networkpolicies"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: ["keda.sh"]
  resources: ["scaledobjects", "triggerauthentications"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: ["monitoring.coreos.com"]
  resources: ["servicemonitors", "prometheusrules"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: ["core.openfeature.dev"]
  resources: ["featureflags"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
# Prometheus bearer tokens and notification webhook URLs named by RolloutPolicies.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end }}

{{/*
The leader-election Lease: one per shard, so that each shard elects its own leader.
*/}}
{{- define "maverick-operator.leaseName" -}}
{{- if .Values.shard }}{{ printf "%s-%s" .Values.leaderElection.leaseName .Values.shard }}{{ else }}{{ .Values.leaderElection.leaseName }}{{ end }}
{{- end }}
