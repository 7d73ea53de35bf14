// ECS operation table (AWS JSON 1.1, X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Op>).
import * as clusters from './ecs-clusters';
import * as instances from './ecs-instances';
import * as services from './ecs-services';
import * as tasks from './ecs-tasks';
import type { Json, Params } from './params';
import type { SimState } from './state';

export const ECS_TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113.';

export const ECS_HANDLERS: Record<string, (state: SimState, p: Params) => Json> = {
  CreateCluster: clusters.createCluster,
  DeleteCluster: clusters.deleteCluster,
  DescribeClusters: clusters.describeClusters,
  ListClusters: clusters.listClusters,
  PutClusterCapacityProviders: clusters.putClusterCapacityProviders,
  DescribeCapacityProviders: clusters.describeCapacityProviders,
  RegisterTaskDefinition: clusters.registerTaskDefinition,
  DeregisterTaskDefinition: clusters.deregisterTaskDefinition,
  DescribeTaskDefinition: clusters.describeTaskDefinition,
  ListTaskDefinitions: clusters.listTaskDefinitions,
  ListTaskDefinitionFamilies: clusters.listTaskDefinitionFamilies,
  TagResource: clusters.tagResource,
  UntagResource: clusters.untagResource,
  ListTagsForResource: clusters.listTagsForResource,
  CreateService: services.createService,
  UpdateService: services.updateService,
  DeleteService: services.deleteService,
  DescribeServices: services.describeServices,
  ListServices: services.listServices,
  RunTask: tasks.runTask,
  StopTask: tasks.stopTask,
  DescribeTasks: tasks.describeTasks,
  ListTasks: tasks.listTasks,
  RegisterContainerInstance: instances.registerContainerInstance,
  DeregisterContainerInstance: instances.deregisterContainerInstance,
  UpdateContainerInstancesState: instances.updateContainerInstancesState,
  DescribeContainerInstances: instances.describeContainerInstances,
  ListContainerInstances: instances.listContainerInstances,
};
