namespace Sophia.Server.Api;

/// <summary>Declares in OpenAPI the ProblemDetails answers a route really gives, beside its success.</summary>
public static class OpenApiProblems
{
    /// <summary>400 (a field is wrong), 404 (what it names is not there or not the caller's), 409 (it clashes), 412 (stale If-Match)...</summary>
    public static TBuilder Problems<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }
        return builder;
    }
}
