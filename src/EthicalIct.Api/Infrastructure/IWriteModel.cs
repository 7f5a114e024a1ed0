namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// The write model of a stream: what its decisions read, kept as an inline snapshot. Its <see cref="Version"/> is
/// set to the stream's version whenever a command loads it (<see cref="Http.CommandConventions"/>): the snapshot is
/// only rewritten by the events the write model applies, so the stored value can lag.
/// </summary>
public interface IWriteModel
{
    Guid Id { get; }

    long Version { get; set; }
}
