using System.Runtime.CompilerServices;

// The session table and the transfer channel are the server's own plumbing; its tests exercise them alone.
[assembly: InternalsVisibleTo("Sophia.Provisioning.Tests")]
