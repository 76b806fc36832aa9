using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace HyperDsl.Runtime.Tests;

/// <summary>
/// Finds, in an assembly's IL, where a TorchSharp <c>Scalar</c> is made from a number and passed on
/// without being held (issue 20: such a Scalar is unreachable once its handle is read, and its
/// finalizer can free it during the native call). A Scalar counts as held when the instruction after
/// the conversion stores it (a <c>using</c> local or a field) or returns it (a factory such as
/// <c>HeldScalars.Integer</c>; a method of ours that returned a fresh Scalar into a call would slip through). A call into TorchSharp counts as well
/// when the called method (or one it calls, or a lambda it refers to) makes such a Scalar itself,
/// as <c>Tensor.add(Tensor)</c> does with its implicit 1. Virtual calls through a base (a module's
/// forward) are not followed.
/// </summary>
internal static class ImplicitScalarScan
{
    private static readonly Dictionary<ushort, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => (ushort)o.Value, o => o.OperandType);

    /// <summary>"Caller -> callee" for every unheld Scalar the methods of <paramref name="assembly"/> make or cause.</summary>
    public static List<string> Find(Assembly assembly)
    {
        var torchSharp = Read(typeof(TorchSharp.Scalar).Assembly.Location);
        var making = MakingMethods(torchSharp);
        var ours = Read(assembly.Location);
        var found = new List<string>();
        foreach (var (method, calls) in ours)
        {
            foreach (var call in calls)
            {
                // TorchSharp's Scalar-to-Tensor conversion only throws: a held Scalar given where a Tensor is wanted.
                if (call.Unheld || making.Contains(call.Callee) || call.Callee == "TorchSharp.torch/Tensor::op_Implicit(TorchSharp.Scalar)")
                {
                    found.Add($"{method} -> {call.Callee}");
                }
            }
        }

        return [.. found.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    // TorchSharp's methods that make an unheld Scalar, directly or through the methods they call.
    private static HashSet<string> MakingMethods(Dictionary<string, List<Call>> methods)
    {
        var making = methods.Where(m => m.Value.Any(c => c.Unheld)).Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        bool grew;
        do
        {
            grew = false;
            foreach (var (method, calls) in methods)
            {
                if (!making.Contains(method) && calls.Any(c => making.Contains(c.Callee)))
                {
                    grew |= making.Add(method);
                }
            }
        }
        while (grew);

        return making;
    }

    private sealed record Call(string Callee, bool Unheld);

    private static Dictionary<string, List<Call>> Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var names = new SignatureNames();
        var methods = new Dictionary<string, List<Call>>(StringComparer.Ordinal);
        foreach (var handle in reader.MethodDefinitions)
        {
            var definition = reader.GetMethodDefinition(handle);
            if (definition.RelativeVirtualAddress == 0)
            {
                continue;
            }

            var calls = new List<Call>();
            var il = pe.GetMethodBody(definition.RelativeVirtualAddress).GetILBytes() ?? [];
            string? pendingScalar = null;
            for (var offset = 0; offset < il.Length;)
            {
                ushort code = il[offset++];
                if (code == 0xFE)
                {
                    code = (ushort)(0xFE00 | il[offset++]);
                }

                var operand = Operands[code];
                var token = operand is OperandType.InlineMethod ? BitConverter.ToInt32(il, offset) : 0;
                offset += operand switch
                {
                    OperandType.InlineNone => 0,
                    OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                    OperandType.InlineVar => 2,
                    OperandType.InlineI8 or OperandType.InlineR => 8,
                    OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, offset)),
                    _ => 4,
                };

                // The instruction after a conversion decides whether the Scalar is held.
                if (pendingScalar is not null)
                {
                    // stloc.0-3, stloc.s, stloc, stfld, stsfld; ret hands it to the caller, which is checked in turn where it is ours.
                    var stores = code is (>= 0x0A and <= 0x0D) or 0x13 or 0xFE0E or 0x7D or 0x80 or 0x2A;
                    calls.Add(new Call(pendingScalar, Unheld: !stores));
                    pendingScalar = null;
                }

                if (token != 0)
                {
                    var callee = names.Method(reader, MetadataTokens.EntityHandle(token));
                    if (callee.StartsWith("TorchSharp.Scalar::op_Implicit(", StringComparison.Ordinal) || callee.StartsWith("TorchSharp.ScalarExtensionMethods::ToScalar(", StringComparison.Ordinal))
                    {
                        pendingScalar = callee;
                    }
                    else
                    {
                        calls.Add(new Call(callee, Unheld: false));
                    }
                }
            }

            var key = names.Method(reader, handle);
            methods[key] = methods.TryGetValue(key, out var earlier) ? [.. earlier, .. calls] : calls;
        }

        return methods;
    }

    // Names methods the same way from a definition and from a reference to it: "Type::name(parameter types)".
    private sealed class SignatureNames : ISignatureTypeProvider<string, object?>
    {
        public string Method(MetadataReader reader, EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.MethodDefinition:
                    var definition = reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                    return Key(Type(reader, definition.GetDeclaringType()), reader.GetString(definition.Name), definition.DecodeSignature(this, null));
                case HandleKind.MemberReference:
                    var reference = reader.GetMemberReference((MemberReferenceHandle)handle);
                    var parent = reference.Parent.Kind switch
                    {
                        HandleKind.TypeDefinition => Type(reader, (TypeDefinitionHandle)reference.Parent),
                        HandleKind.TypeReference => Type(reader, (TypeReferenceHandle)reference.Parent),
                        HandleKind.TypeSpecification => reader.GetTypeSpecification((TypeSpecificationHandle)reference.Parent).DecodeSignature(this, null).Split('<')[0],
                        _ => "?",
                    };
                    return reference.GetKind() == MemberReferenceKind.Method ? Key(parent, reader.GetString(reference.Name), reference.DecodeMethodSignature(this, null)) : $"{parent}::{reader.GetString(reference.Name)}";
                case HandleKind.MethodSpecification:
                    return Method(reader, reader.GetMethodSpecification((MethodSpecificationHandle)handle).Method);
                default:
                    return "?";
            }
        }

        private static string Key(string type, string name, MethodSignature<string> signature) => $"{type}::{name}({string.Join(",", signature.ParameterTypes)})";

        private static string Type(MetadataReader reader, TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            var declaring = type.GetDeclaringType();
            return declaring.IsNil ? $"{reader.GetString(type.Namespace)}.{reader.GetString(type.Name)}" : $"{Type(reader, declaring)}/{reader.GetString(type.Name)}";
        }

        private static string Type(MetadataReader reader, TypeReferenceHandle handle)
        {
            var type = reader.GetTypeReference(handle);
            return type.ResolutionScope.Kind == HandleKind.TypeReference
                ? $"{Type(reader, (TypeReferenceHandle)type.ResolutionScope)}/{reader.GetString(type.Name)}"
                : $"{reader.GetString(type.Namespace)}.{reader.GetString(type.Name)}";
        }

        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[,]";

        public string GetByReferenceType(string elementType) => elementType + "&";

        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => $"{genericType}<{string.Join(",", typeArguments)}>";

        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;

        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetPinnedType(string elementType) => elementType;

        public string GetPointerType(string elementType) => elementType + "*";

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => Type(reader, handle);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => Type(reader, handle);

        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}
