export { createKubeSource, type KubeSourceOptions } from './source';
export { discoverKubeContexts, kubeConfigFor, mergeKubeConfigs, kubeconfigFiles, type KubeDiscovery, type KubeContextInfo } from './kubeconfig';
export { SCOPES as KUBE_SCOPES, CLUSTER_SCOPE as KUBE_CLUSTER_SCOPE, type ResourceScope as KubeScope } from './kinds';
