namespace EthicalIct.Api.Infrastructure;

public static class Resources
{
    /// <summary>200 with the document and its stream version as the ETag, or a 404 problem.</summary>
    public static IResult OkWithVersion<T>(T? document, Func<T, long> version, HttpResponse response, string notFound)
        where T : class
    {
        if (document is null)
        {
            return Results.Problem(Problems.NotFound(notFound));
        }

        response.Headers.ETag = ExpectedVersion.ETag(version(document));
        return Results.Ok(document);
    }
}
