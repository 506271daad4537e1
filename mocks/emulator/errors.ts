// One class per exception of the service models, named exactly as the model names it, so that
// SDKs (which dispatch on `__type`) raise their own typed exceptions. HTTP statuses follow the
// Smithy httpError traits listed in SEMANTICS.md §3; everything unlisted there is 400.

/** An error the emulator answers with: the model's exception name, an HTTP status and a message. */
export abstract class ServiceError extends Error {
  abstract override readonly name: string;
  abstract readonly status: number;
}

function serviceError<Name extends string>(name: Name, status: number) {
  return class extends ServiceError {
    override readonly name: Name = name;
    readonly status = status;
  };
}

// cloudtrail (awsJson1_1)

export const AccessDeniedException = serviceError('AccessDeniedException', 403);
export const AccountHasOngoingImportException = serviceError('AccountHasOngoingImportException', 400);
export const AccountNotFoundException = serviceError('AccountNotFoundException', 404);
export const AccountNotRegisteredException = serviceError('AccountNotRegisteredException', 400);
export const AccountRegisteredException = serviceError('AccountRegisteredException', 400);
export const CannotDelegateManagementAccountException = serviceError('CannotDelegateManagementAccountException', 400);
export const ChannelARNInvalidException = serviceError('ChannelARNInvalidException', 400);
export const ChannelAlreadyExistsException = serviceError('ChannelAlreadyExistsException', 400);
export const ChannelExistsForEDSException = serviceError('ChannelExistsForEDSException', 400);
export const ChannelMaxLimitExceededException = serviceError('ChannelMaxLimitExceededException', 400);
export const ChannelNotFoundException = serviceError('ChannelNotFoundException', 404);
export const CloudTrailARNInvalidException = serviceError('CloudTrailARNInvalidException', 400);
export const CloudTrailAccessNotEnabledException = serviceError('CloudTrailAccessNotEnabledException', 400);
export const CloudTrailInvalidClientTokenIdException = serviceError('CloudTrailInvalidClientTokenIdException', 400);
export const CloudWatchLogsDeliveryUnavailableException = serviceError(
  'CloudWatchLogsDeliveryUnavailableException',
  400,
);
export const ConcurrentModificationException = serviceError('ConcurrentModificationException', 400);
export const ConflictException = serviceError('ConflictException', 409);
export const DelegatedAdminAccountLimitExceededException = serviceError(
  'DelegatedAdminAccountLimitExceededException',
  400,
);
export const EventDataStoreARNInvalidException = serviceError('EventDataStoreARNInvalidException', 400);
export const EventDataStoreAlreadyExistsException = serviceError('EventDataStoreAlreadyExistsException', 400);
export const EventDataStoreFederationEnabledException = serviceError('EventDataStoreFederationEnabledException', 400);
export const EventDataStoreHasOngoingImportException = serviceError('EventDataStoreHasOngoingImportException', 400);
export const EventDataStoreMaxLimitExceededException = serviceError('EventDataStoreMaxLimitExceededException', 400);
export const EventDataStoreNotFoundException = serviceError('EventDataStoreNotFoundException', 404);
export const EventDataStoreTerminationProtectedException = serviceError(
  'EventDataStoreTerminationProtectedException',
  400,
);
export const GenerateResponseException = serviceError('GenerateResponseException', 400);
export const ImportNotFoundException = serviceError('ImportNotFoundException', 404);
export const InactiveEventDataStoreException = serviceError('InactiveEventDataStoreException', 400);
export const InactiveQueryException = serviceError('InactiveQueryException', 400);
export const InsightNotEnabledException = serviceError('InsightNotEnabledException', 400);
export const InsufficientDependencyServiceAccessPermissionException = serviceError(
  'InsufficientDependencyServiceAccessPermissionException',
  400,
);
export const InsufficientEncryptionPolicyException = serviceError('InsufficientEncryptionPolicyException', 400);
export const InsufficientIAMAccessPermissionException = serviceError('InsufficientIAMAccessPermissionException', 400);
export const InsufficientS3BucketPolicyException = serviceError('InsufficientS3BucketPolicyException', 403);
export const InsufficientSnsTopicPolicyException = serviceError('InsufficientSnsTopicPolicyException', 403);
export const InvalidCloudWatchLogsLogGroupArnException = serviceError('InvalidCloudWatchLogsLogGroupArnException', 400);
export const InvalidCloudWatchLogsRoleArnException = serviceError('InvalidCloudWatchLogsRoleArnException', 400);
export const InvalidDateRangeException = serviceError('InvalidDateRangeException', 400);
export const InvalidEventCategoryException = serviceError('InvalidEventCategoryException', 400);
export const InvalidEventDataStoreCategoryException = serviceError('InvalidEventDataStoreCategoryException', 400);
export const InvalidEventDataStoreStatusException = serviceError('InvalidEventDataStoreStatusException', 400);
export const InvalidEventSelectorsException = serviceError('InvalidEventSelectorsException', 400);
export const InvalidHomeRegionException = serviceError('InvalidHomeRegionException', 400);
export const InvalidImportSourceException = serviceError('InvalidImportSourceException', 400);
export const InvalidInsightSelectorsException = serviceError('InvalidInsightSelectorsException', 400);
export const InvalidKmsKeyIdException = serviceError('InvalidKmsKeyIdException', 400);
export const InvalidLookupAttributesException = serviceError('InvalidLookupAttributesException', 400);
export const InvalidMaxResultsException = serviceError('InvalidMaxResultsException', 400);
export const InvalidNextTokenException = serviceError('InvalidNextTokenException', 400);
export const InvalidParameterCombinationException = serviceError('InvalidParameterCombinationException', 400);
export const InvalidParameterException = serviceError('InvalidParameterException', 400);
export const InvalidQueryStatementException = serviceError('InvalidQueryStatementException', 400);
export const InvalidQueryStatusException = serviceError('InvalidQueryStatusException', 400);
export const InvalidS3BucketNameException = serviceError('InvalidS3BucketNameException', 400);
export const InvalidS3PrefixException = serviceError('InvalidS3PrefixException', 400);
export const InvalidSnsTopicNameException = serviceError('InvalidSnsTopicNameException', 400);
export const InvalidSourceException = serviceError('InvalidSourceException', 400);
export const InvalidTagParameterException = serviceError('InvalidTagParameterException', 400);
export const InvalidTimeRangeException = serviceError('InvalidTimeRangeException', 400);
export const InvalidTokenException = serviceError('InvalidTokenException', 400);
export const InvalidTrailNameException = serviceError('InvalidTrailNameException', 400);
export const KmsException = serviceError('KmsException', 400);
export const KmsKeyDisabledException = serviceError('KmsKeyDisabledException', 400);
export const KmsKeyNotFoundException = serviceError('KmsKeyNotFoundException', 400);
export const MaxConcurrentQueriesException = serviceError('MaxConcurrentQueriesException', 429);
export const MaximumNumberOfTrailsExceededException = serviceError('MaximumNumberOfTrailsExceededException', 403);
export const NoManagementAccountSLRExistsException = serviceError('NoManagementAccountSLRExistsException', 403);
export const NotOrganizationManagementAccountException = serviceError('NotOrganizationManagementAccountException', 403);
export const NotOrganizationMasterAccountException = serviceError('NotOrganizationMasterAccountException', 400);
export const OperationNotPermittedException = serviceError('OperationNotPermittedException', 400);
export const OrganizationNotInAllFeaturesModeException = serviceError('OrganizationNotInAllFeaturesModeException', 400);
export const OrganizationsNotInUseException = serviceError('OrganizationsNotInUseException', 404);
export const QueryIdNotFoundException = serviceError('QueryIdNotFoundException', 404);
export const ResourceARNNotValidException = serviceError('ResourceARNNotValidException', 400);
export const ResourceNotFoundException = serviceError('ResourceNotFoundException', 400);
export const ResourcePolicyNotFoundException = serviceError('ResourcePolicyNotFoundException', 404);
export const ResourcePolicyNotValidException = serviceError('ResourcePolicyNotValidException', 400);
export const ResourceTypeNotSupportedException = serviceError('ResourceTypeNotSupportedException', 400);
export const S3BucketDoesNotExistException = serviceError('S3BucketDoesNotExistException', 404);
export const ServiceQuotaExceededException = serviceError('ServiceQuotaExceededException', 400);
export const TagsLimitExceededException = serviceError('TagsLimitExceededException', 400);
export const ThrottlingException = serviceError('ThrottlingException', 429);
export const TrailAlreadyExistsException = serviceError('TrailAlreadyExistsException', 400);
export const TrailNotFoundException = serviceError('TrailNotFoundException', 404);
export const TrailNotProvidedException = serviceError('TrailNotProvidedException', 404);
export const UnsupportedOperationException = serviceError('UnsupportedOperationException', 400);

// Protocol errors of awsJson1_1 and restJson1: sent by AWS services, not modelled as shapes.
export const UnknownOperationException = serviceError('UnknownOperationException', 400);
export const SerializationException = serviceError('SerializationException', 400);
export const ValidationException = serviceError('ValidationException', 400);
export const InternalFailure = serviceError('InternalFailure', 500);

// cloudtrail-data (restJson1): these names carry no Exception suffix.
export const ChannelInsufficientPermission = serviceError('ChannelInsufficientPermission', 400);
export const ChannelNotFound = serviceError('ChannelNotFound', 400);
export const ChannelUnsupportedSchema = serviceError('ChannelUnsupportedSchema', 400);
export const DuplicatedAuditEventId = serviceError('DuplicatedAuditEventId', 400);
export const InvalidChannelARN = serviceError('InvalidChannelARN', 400);
