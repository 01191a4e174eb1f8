using System.Reflection;
using System.Reflection.Emit;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace NotebookExperiments.Estimators;

/// <summary>
/// A hash of the code of an estimator written outside this library (a backward rule or surrogate as a lambda in a notebook
/// cell, or a class of its own), so that results computed by one version of it are never served to another: stored units are
/// keyed by <see cref="EstimatorCatalog.IdentityOf"/>, which adds this hash to the spec of every estimator a user registers.
/// </summary>
/// <remarks>
/// <para>The hash covers the method's IL with every referenced method, field, type and string written out by name (metadata
/// tokens differ between two compilations of the same cell); the code of the methods it calls that are not in a compiled library
/// (the notebook's own helpers, lambdas, local functions), to a depth of four calls; and the current values of the numbers,
/// strings, booleans and enums that this code reads from fields (what a lambda captures, a notebook variable it uses). It does not
/// see the contents of tensors or arrays it reads, nor a library method that changes without its name changing. The numbers of
/// notebook submissions in type names are left out, so that the same code compiled by another cell has the same identity.</para>
/// <para>Built-in estimators have no code identity: their code changes with <c>ResultsRevision</c>.</para>
/// </remarks>
public static partial class CodeIdentity
{
    private const int MaxDepth = 4;
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The hash of a delegate's code and captured values: 16 hex digits.</summary>
    public static string Of(Delegate code)
    {
        var text = new StringBuilder();
        var seen = new HashSet<MethodBase>();
        var fields = new HashSet<FieldInfo>();
        foreach (var d in code.GetInvocationList())
        {
            Write(d.Method, text, seen, fields, 0);
            WriteValues(d.Target, fields, text, new HashSet<object>(ReferenceEqualityComparer.Instance), 0);
        }
        foreach (var field in fields.Where(f => f.IsStatic && IsUserCode(f.Module.Assembly)).OrderBy(f => $"{f.DeclaringType}::{f.Name}", StringComparer.Ordinal))
            WriteValue(field, field.GetValue(null), text);
        return Hash(text);
    }

    /// <summary>
    /// The code identity of an estimator: its rule's or surrogate's (<see cref="BackwardRuleEstimator"/>,
    /// <see cref="SurrogateEstimator"/>), or its class's when the class is user code; null for the built-ins.
    /// </summary>
    public static string? Of(IGradientEstimator estimator) => estimator switch
    {
        BackwardRuleEstimator rule => rule.CodeIdentity,
        SurrogateEstimator surrogate => surrogate.CodeIdentity,
        _ => Of(estimator.GetType()),
    };

    /// <summary>The hash of the code of <paramref name="type"/> (its own methods, constructors and field names) when it is not part of a
    /// compiled library, null when it is (a built-in, whose code changes with the results revision).</summary>
    public static string? Of(Type type)
    {
        if (!IsUserCode(type.Assembly)) return null;
        var text = new StringBuilder(type.FullName);
        var seen = new HashSet<MethodBase>();
        var fields = new HashSet<FieldInfo>();
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        for (var t = type; t is not null && IsUserCode(t.Assembly); t = t.BaseType)
        {
            foreach (var f in t.GetFields(all).OrderBy(f => f.Name, StringComparer.Ordinal)) text.Append('|').Append(f.FieldType.FullName).Append(' ').Append(f.Name);
            foreach (var m in t.GetMethods(all).Cast<MethodBase>().Concat(t.GetConstructors(all)).OrderBy(m => m.ToString(), StringComparer.Ordinal))
                Write(m, text, seen, fields, 0);
        }
        return Hash(text);
    }

    /// <summary>Whether code in <paramref name="assembly"/> belongs to the user (a notebook submission, a dynamic or in-memory assembly)
    /// rather than to a compiled library with a file (this library, TorchSharp, .NET).</summary>
    public static bool IsUserCode(Assembly assembly) =>
        assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location) && assembly != typeof(CodeIdentity).Assembly;

    /// <summary>
    /// The hash of the text written, with the numbers of script submissions left out (<c>Submission#7</c> becomes <c>Submission#</c>):
    /// a notebook cell compiles into a class named after its place in the kernel's session, so the same code run again, or loaded
    /// from a file by another notebook, is named differently but is the same code.
    /// </summary>
    private static string Hash(StringBuilder text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SubmissionNumber().Replace(text.ToString(), "Submission#"))))[..16];

    [GeneratedRegex(@"Submission#\d+")]
    private static partial Regex SubmissionNumber();

    private static void Write(MethodBase method, StringBuilder text, HashSet<MethodBase> seen, HashSet<FieldInfo> fields, int depth)
    {
        if (!seen.Add(method)) return;
        text.Append("\n#").Append(method.DeclaringType?.FullName).Append("::").Append(method);
        var body = method.GetMethodBody();
        var il = body?.GetILAsByteArray();
        if (il is null) return;
        foreach (var local in body!.LocalVariables) text.Append(" L:").Append(local.LocalType.FullName);
        var module = method.Module;
        Type[]? typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        Type[]? methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var callees = new List<MethodBase>();
        int i = 0;
        while (i < il.Length)
        {
            short value = il[i] == 0xFE && i + 1 < il.Length ? (short)(0xFE00 | il[i + 1]) : il[i];
            if (!OpCodesByValue.TryGetValue(value, out var op)) { text.Append(" ?").Append(il[i]); i++; continue; }
            i += op.Size;
            text.Append(' ').Append(op.Name);
            switch (op.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    text.Append(' ').Append(il[i]);
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    text.Append(' ').Append(BitConverter.ToUInt16(il, i));
                    i += 2;
                    break;
                case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.ShortInlineR:
                    text.Append(' ').Append(BitConverter.ToInt32(il, i));
                    i += 4;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    text.Append(' ').Append(BitConverter.ToInt64(il, i));
                    i += 8;
                    break;
                case OperandType.InlineString:
                    text.Append(" \"").Append(module.ResolveString(BitConverter.ToInt32(il, i))).Append('"');
                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    int count = BitConverter.ToInt32(il, i);
                    text.Append(" switch ").Append(count);
                    i += 4 + 4 * count;
                    break;
                case OperandType.InlineSig:
                    text.Append(" sig");
                    i += 4;
                    break;
                default: // InlineMethod, InlineField, InlineType, InlineTok
                    var member = Resolve(module, BitConverter.ToInt32(il, i), typeArguments, methodArguments);
                    text.Append(' ').Append(member is null ? "?" : $"{member.DeclaringType?.FullName}::{member}");
                    if (member is MethodBase callee && IsUserCode(callee.Module.Assembly)) callees.Add(callee);
                    if (member is FieldInfo field) fields.Add(field);
                    i += 4;
                    break;
            }
        }
        if (depth < MaxDepth)
            foreach (var callee in callees) Write(callee, text, seen, fields, depth + 1);
    }

    private static MemberInfo? Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        try
        {
            return module.ResolveMember(token, typeArguments, methodArguments);
        }
        catch (Exception e) when (e is ArgumentException or BadImageFormatException or MissingMemberException or TypeLoadException)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes the values of the fields the code reads (<paramref name="fields"/>) on <paramref name="target"/> and on the objects those
    /// fields hold (a closure, the notebook's submission object), to a depth of three.
    /// </summary>
    private static void WriteValues(object? target, HashSet<FieldInfo> fields, StringBuilder text, HashSet<object> seen, int depth)
    {
        if (target is null || depth > 3 || !seen.Add(target)) return;
        var type = target.GetType();
        foreach (var field in fields.Where(f => !f.IsStatic && f.DeclaringType is { } d && d.IsAssignableFrom(type))
                     .OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var value = field.GetValue(target);
            if (!WriteValue(field, value, text) && value is not null && !value.GetType().IsValueType && value is not Delegate)
                WriteValues(value, fields, text, seen, depth + 1);
        }
    }

    /// <summary>Writes a number, string, boolean, character or enum value; false for other values.</summary>
    private static bool WriteValue(FieldInfo field, object? value, StringBuilder text)
    {
        if (value is not (string or bool or char or decimal) && value?.GetType() is not { IsPrimitive: true } and not { IsEnum: true }) return false;
        text.Append("\n=").Append(field.DeclaringType?.Name).Append("::").Append(field.Name).Append(':')
            .Append(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }
}
