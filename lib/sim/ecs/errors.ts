// Errors the handlers throw; server.ts renders them in each protocol's error shape.
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

export const invalidParameter = (message: string): ApiError => new ApiError('InvalidParameterException', message);
export const clusterNotFound = (): ApiError => new ApiError('ClusterNotFoundException', 'Cluster not found.');
export const serviceNotFound = (): ApiError => new ApiError('ServiceNotFoundException', 'Service not found.');
